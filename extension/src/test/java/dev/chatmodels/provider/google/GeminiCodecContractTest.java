package dev.chatmodels.provider.google;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.RateLimitException;
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
import dev.chatmodels.testing.RecordedAnswers;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.tool.ToolSpecification;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;
import dev.chatmodels.usage.UsageMetadata.InputTokenDetails;
import dev.chatmodels.usage.UsageMetadata.OutputTokenDetails;

/** The Gemini API passes the codec contract with its recordings. */
class GeminiCodecContractTest extends ChatCodecContract {

    @Override
    protected ProviderDescriptor provider() {
        return GeminiCodec.DESCRIPTOR;
    }

    @Override
    protected ContractRecordings recordings() {
        return ContractRecordings.in(GeminiRecordings.PROVIDER)
                .text("generate_content_text")
                .text("thought_parts_nonstream")
                .text("image_input_inline_nonstream")
                .stream("stream_generate_content_text")
                .stream("thought_parts_stream")
                .stream("function_response_stream_followup")
                .toolCall("function_call", "get_user_country")
                .toolCall("function_response_followup", "final_result")
                .parallelToolCalls("function_calls_parallel", "parallel_local_search_one", "parallel_local_search_two",
                        "parallel_local_search_three")
                .streamedToolCall("function_calls_stream", "get_current_temperature", "get_current_temperature")
                .streamedToolCall("function_call_stream_thought_signature", "get_country")
                // the follow-up of a thinking model: the call goes back with its thought signature
                .toolResultFollowUp("function_response_stream_followup")
                .missing(Scenario.STRUCTURED_OUTPUT, "no Gemini recording answers with a response schema; "
                        + "GeminiCodecEncodeTest checks the request and GeminiTest (integration tests) the whole call")
                // output tokens include the thinking tokens, as the reference counts them
                .cacheUsage("usage_cached_content", new UsageMetadata(3520, 44, 3564,
                        new InputTokenDetails(null, null, 3512L), new OutputTokenDetails(null, 42L)))
                .cacheUsage("usage_implicit_cache_multimodal", new UsageMetadata(17713, 889, 18602,
                        new InputTokenDetails(1917L, null, 17379L), new OutputTokenDetails(null, 821L)))
                .reasoningUsage("generate_content_text", new UsageMetadata(9, 43, 52, null,
                        new OutputTokenDetails(null, 34L)))
                .reasoningUsage("function_calls_parallel", new UsageMetadata(291, 137, 428, null,
                        new OutputTokenDetails(null, 67L)))
                .error(Scenario.ERROR_AUTHENTICATION, "error_400_api_key_invalid", AuthenticationException.class)
                .error(Scenario.ERROR_RATE_LIMIT, "error_429_resource_exhausted", RateLimitException.class)
                .missing(Scenario.ERROR_INVALID_REQUEST, "the only recorded INVALID_ARGUMENT is API_KEY_INVALID, an "
                        + "authentication error; GeminiErrorDecoderTest maps the status names")
                .error(Scenario.ERROR_SERVER, "error_503_unavailable", ProviderServerException.class)
                .missing(Scenario.ERROR_IN_STREAM, "no recording of an error event inside a Gemini stream; "
                        + "GeminiStreamDecoderTest feeds the recorded error envelope as one")
                .missing(Scenario.FINISH_REASONS, "every recording ends with STOP, which the scenarios above check; "
                        + "GeminiCodecDecodeTest checks MAX_TOKENS, SAFETY and blocked prompts on Google's documented shapes");
    }

    @Override
    protected String recordedText(JsonNode response) {
        return RecordedAnswers.geminiText(response);
    }

    @Override
    protected String recordedText(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(event -> text.append(RecordedAnswers.geminiText(RecordedJson.parse(event.data()))));
        return text.toString();
    }

    /** The recorded turns as messages: text, calls with their signatures, and results (JSON objects, sent as they are). */
    @Override
    protected ChatRequest followUpRequest(JsonNode recorded) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode turn : recorded.get("contents")) {
            JsonNode part = turn.at("/parts/0");
            if (part.has("functionCall")) {
                JsonNode call = part.get("functionCall");
                ToolCall toolCall = new ToolCall(call.get("id").asText(), call.get("name").asText(),
                        Jackson.MAPPER.convertValue(call.get("args"), Map.class));
                List<ContentBlock> content = new ArrayList<>();
                content.add(GeminiParts.signature(GeminiParts.signatureOf(part), toolCall.id(), null));
                content.add(toolCall);
                messages.add(new AIMessage(content, List.of(toolCall), List.of(), null, Map.of(), null));
            } else if (part.has("functionResponse")) {
                JsonNode response = part.get("functionResponse");
                messages.add(ToolMessage.of(response.get("response").toString(), response.get("id").asText()));
            } else {
                messages.add(HumanMessage.of(part.get("text").asText()));
            }
        }
        List<ToolSpecification> tools = new ArrayList<>();
        for (JsonNode declaration : recorded.at("/tools/0/functionDeclarations")) {
            tools.add(ToolSpecification.of(declaration.get("name").asText(), declaration.get("description").asText(),
                    (ObjectNode) declaration.get("parameters_json_schema")));
        }
        ModelSettings settings = ModelSettings.of("gemini-3-pro-preview").withKwargs(
                Jackson.MAPPER.convertValue(recorded.get("generationConfig"), Map.class));
        return new ChatRequest(messages, settings, tools, null, null, null);
    }

    /** Field names in camelCase and signatures in the standard base64 alphabet: Gemini reads either. */
    @Override
    protected JsonNode comparable(JsonNode requestBody) {
        return GeminiRecordings.comparable(requestBody);
    }
}
