package dev.chatmodels.provider.openai;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.contract.ChatCodecContract;
import dev.chatmodels.provider.contract.ContractRecordings;
import dev.chatmodels.provider.contract.Scenario;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;
import dev.chatmodels.usage.UsageMetadata.InputTokenDetails;
import dev.chatmodels.usage.UsageMetadata.OutputTokenDetails;

/** OpenAI's Responses API passes the codec contract with its recordings. */
class OpenAiResponsesCodecContractTest extends ChatCodecContract {

    static final ProviderDescriptor RESPONSES = ProviderDescriptor.builder("openai")
            .defaultBaseUrl("https://api.openai.com/v1").codec(OpenAiResponsesCodec::new).build();

    private static final String NO_RECORDING = "no Responses API recording of it; its errors share the Chat "
            + "Completions error decoder, whose contract covers it";

    @Override
    protected ProviderDescriptor provider() {
        return RESPONSES;
    }

    @Override
    protected ContractRecordings recordings() {
        return ContractRecordings.in("openai-responses")
                .text("text_nonstream")
                .text("web_search_citations_nonstream")
                .stream("text_stream_after_function_output")
                .stream("web_search_citations_stream")
                .toolCall("function_call_nonstream", "get_capital")
                .streamedToolCall("function_call_stream", "get_capital")
                .toolResultFollowUp("function_call_output_followup")
                .structuredOutput("structured_output_text_format_json_schema",
                        "{\"city\": \"Mexico City\", \"country\": \"Mexico\"}")
                .cacheUsage("web_search_nonstream", new UsageMetadata(9299, 577, 9876,
                        new InputTokenDetails(null, null, 8448L), new OutputTokenDetails(null, 512L)))
                .reasoningUsage("reasoning_summary_nonstream", new UsageMetadata(34, 226, 260,
                        new InputTokenDetails(null, null, 0L), new OutputTokenDetails(null, 59L)))
                .error(Scenario.ERROR_INVALID_REQUEST, "error_400_invalid_temperature", InvalidRequestException.class)
                .error(Scenario.ERROR_INVALID_REQUEST, "error_400_invalid_input_item", InvalidRequestException.class)
                .error(Scenario.ERROR_SERVER, "error_500_server_error", ProviderServerException.class)
                .missing(Scenario.PARALLEL_TOOL_CALLS, "no recording of parallel function calls on the Responses API")
                .missing(Scenario.ERROR_AUTHENTICATION, NO_RECORDING)
                .missing(Scenario.ERROR_RATE_LIMIT, NO_RECORDING)
                .missing(Scenario.ERROR_IN_STREAM, "no recording of an error event inside a Responses API stream")
                .missing(Scenario.FINISH_REASONS, "the recordings are all completed responses, which the scenarios "
                        + "above check");
    }

    @Override
    protected String recordedText(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : response.get("output")) {
            item.path("content").forEach(part -> text.append(part.path("text").asText("")));
        }
        return text.toString();
    }

    @Override
    protected String recordedText(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        for (StreamEvent event : events) {
            JsonNode json = RecordedJson.parse(event.data());
            if (json.path("type").asText().equals("response.output_text.delta")) {
                text.append(json.get("delta").asText());
            }
        }
        return text.toString();
    }

    @Override
    protected ChatRequest followUpRequest(JsonNode recorded) {
        return new ChatRequest(ResponsesRecordings.messages(recorded), ModelSettings.of(recorded.get("model").asText()),
                ResponsesRecordings.tools(recorded), ToolChoice.AUTO, null, null);
    }

    /** pydantic-ai wrote {@code null} for absent fields (a call's status, a tool's description). */
    @Override
    protected JsonNode comparable(JsonNode requestBody) {
        return ResponsesRecordings.withoutNulls(requestBody);
    }
}
