package dev.chatmodels.provider.openai;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.QuotaExceededException;
import dev.chatmodels.error.RateLimitException;
import dev.chatmodels.message.MessageJson;
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

/** OpenAI Chat Completions passes the codec contract with its recordings. */
class OpenAiCodecContractTest extends ChatCodecContract {

    @Override
    protected ProviderDescriptor provider() {
        return OpenAiChatCodec.DESCRIPTOR;
    }

    @Override
    protected ContractRecordings recordings() {
        return ContractRecordings.in("openai-chat")
                .text("text_nonstream")
                .stream("text_stream_include_usage")
                .stream("text_stream_include_usage_2")
                .toolCall("structured_output_json_schema_with_tool_call", "get_user_country")
                .parallelToolCalls("tool_calls_parallel_nonstream", "parallel_local_search_one",
                        "parallel_local_search_two", "parallel_local_search_three")
                .streamedToolCall("tool_call_stream_single", "get_capital")
                .streamedToolCall("tool_calls_stream_parallel", "get_country", "get_product_name")
                .toolResultFollowUp("tool_results_followup_nonstream")
                .structuredOutput("structured_output_json_schema", "{\"answer\": \"Paris\", \"confidence\": 0.99}")
                .cacheUsage("usage_cached_tokens", new UsageMetadata(1144, 2, 1146, new InputTokenDetails(0L, null, 1024L),
                        new OutputTokenDetails(0L, 0L)))
                .reasoningUsage("reasoning_model_o1_mini", new UsageMetadata(14, 84, 98,
                        new InputTokenDetails(0L, null, 0L), new OutputTokenDetails(0L, 64L)))
                .error(Scenario.ERROR_AUTHENTICATION, "error_401_invalid_api_key", AuthenticationException.class)
                .error(Scenario.ERROR_RATE_LIMIT, "error_429_rate_limit_exceeded", RateLimitException.class)
                .error(Scenario.ERROR_RATE_LIMIT, "error_429_insufficient_quota", QuotaExceededException.class)
                .error(Scenario.ERROR_INVALID_REQUEST, "error_400_unsupported_parameter", InvalidRequestException.class)
                .error(Scenario.ERROR_INVALID_REQUEST, "error_400_system_role_unsupported", InvalidRequestException.class)
                .error(Scenario.ERROR_SERVER, "error_503_overloaded", ProviderServerException.class)
                .missing(Scenario.ERROR_IN_STREAM, "no recording of an error inside an OpenAI stream")
                .missing(Scenario.FINISH_REASONS,
                        "the recordings end with stop or tool_calls only, which the scenarios above check");
    }

    @Override
    protected String recordedText(JsonNode response) {
        return response.at("/choices/0/message/content").asText();
    }

    @Override
    protected String recordedText(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(event -> !event.data().equals("[DONE]"))
                .forEach(event -> RecordedJson.parse(event.data()).path("choices")
                        .forEach(choice -> text.append(choice.at("/delta/content").asText(""))));
        return text.toString();
    }

    @Override
    protected ChatRequest followUpRequest(JsonNode recorded) {
        return new ChatRequest(MessageJson.listFromJson(recorded.get("messages")),
                ModelSettings.of(recorded.get("model").asText()), OpenAiChatEncodeTest.toolsOf(recorded),
                ToolChoice.AUTO, null, null);
    }

    /** Python wrote the recorded arguments with other separators: they are compared as JSON, not as text. */
    @Override
    protected JsonNode comparable(JsonNode requestBody) {
        return OpenAiChatEncodeTest.argumentsParsed((ObjectNode) requestBody);
    }
}
