package dev.chatmodels.provider.ollama;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.contract.ChatCodecContract;
import dev.chatmodels.provider.contract.ContractRecordings;
import dev.chatmodels.provider.contract.Scenario;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.tool.ToolSpecification;
import dev.chatmodels.transport.StreamEvent;

/** Ollama's native chat API passes the codec contract with its recorded and documented exchanges. */
class OllamaCodecContractTest extends ChatCodecContract {

    static final String FOLDER = "ollama";

    @Override
    protected ProviderDescriptor provider() {
        return OllamaCodec.DESCRIPTOR;
    }

    @Override
    protected ContractRecordings recordings() {
        return ContractRecordings.in(FOLDER)
                .text("chat_nonstream_text_docs")
                .text("chat_tool_result_followup_docs")
                .stream("chat_stream_text_docs")
                .stream("chat_stream_text_tail_real")
                .toolCall("chat_nonstream_tool_call_docs", "get_weather")
                .missing(Scenario.PARALLEL_TOOL_CALLS, "no Ollama recording calls several tools at once; "
                        + "OllamaCodecTest numbers the calls of one answer")
                .streamedToolCall("chat_stream_tool_call_docs", "get_weather")
                .toolResultFollowUp("chat_tool_result_followup_docs")
                .structuredOutput("chat_structured_output_docs", "{\"age\": 22, \"available\": false}")
                .missing(Scenario.USAGE_CACHE, "Ollama reports no cached-token count")
                .missing(Scenario.USAGE_REASONING, "Ollama counts thinking tokens inside eval_count, not apart")
                .missing(Scenario.ERROR_AUTHENTICATION, "a local Ollama takes no key; no recording of its cloud's 401")
                .missing(Scenario.ERROR_RATE_LIMIT, "no recording of an Ollama 429")
                .error(Scenario.ERROR_INVALID_REQUEST, "error_body_docs", InvalidRequestException.class)
                .missing(Scenario.ERROR_SERVER, "no recording of an Ollama 5xx body; its shape is error_body_docs'")
                .error(Scenario.ERROR_IN_STREAM, "error_midstream_docs", ProviderServerException.class)
                .missing(Scenario.FINISH_REASONS, "every recording ends with stop; OllamaCodecTest checks length");
    }

    @Override
    protected String streamFile(String fixture) {
        return fixture + ".response.ndjson";
    }

    @Override
    protected String recordedText(JsonNode response) {
        return response.at("/message/content").asText();
    }

    @Override
    protected String recordedText(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(event -> text.append(RecordedJson.parse(event.data()).at("/message/content").asText()));
        return text.toString();
    }

    /** The recorded turns as messages; the tool result carries only its call's id, so its tool name is looked up. */
    @Override
    protected ChatRequest followUpRequest(JsonNode recorded) {
        List<Message> messages = new ArrayList<>();
        String lastCallId = null;
        for (JsonNode message : recorded.get("messages")) {
            switch (message.get("role").asText()) {
                case "assistant" -> {
                    List<ToolCall> calls = new ArrayList<>();
                    for (JsonNode call : message.get("tool_calls")) {
                        lastCallId = "call_" + calls.size();
                        calls.add(new ToolCall(lastCallId, call.at("/function/name").asText(),
                                Jackson.MAPPER.convertValue(call.at("/function/arguments"), Map.class)));
                    }
                    messages.add(new AIMessage(List.<ContentBlock> copyOf(calls), calls, List.of(), null, Map.of(), null));
                }
                case "tool" -> messages.add(ToolMessage.of(message.get("content").asText(), lastCallId));
                default -> messages.add(HumanMessage.of(message.get("content").asText()));
            }
        }
        List<ToolSpecification> tools = new ArrayList<>();
        for (JsonNode tool : recorded.get("tools")) {
            JsonNode function = tool.get("function");
            tools.add(ToolSpecification.of(function.get("name").asText(), function.get("description").asText(),
                    (ObjectNode) function.get("parameters")));
        }
        return new ChatRequest(messages, ModelSettings.of(recorded.get("model").asText()), tools, null, null, null);
    }
}
