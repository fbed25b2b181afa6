package dev.chatmodels.provider.anthropic;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.RateLimitException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.ToolMessage;
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
import dev.chatmodels.usage.UsageMetadata;
import dev.chatmodels.usage.UsageMetadata.InputTokenDetails;

/** The Anthropic Messages API passes the codec contract with its recordings. */
class AnthropicCodecContractTest extends ChatCodecContract {

    @Override
    protected ProviderDescriptor provider() {
        return AnthropicCodec.DESCRIPTOR;
    }

    @Override
    protected ContractRecordings recordings() {
        return ContractRecordings.in(AnthropicRecordings.PROVIDER)
                .text("text_nonstream")
                .stream("text_stream_cache_read")
                .stream("thinking_stream")
                .toolCall("tool_use_nonstream", "get_weather")
                .parallelToolCalls("tool_use_parallel_nonstream", "retrieve_entity_info", "retrieve_entity_info",
                        "retrieve_entity_info", "retrieve_entity_info")
                .streamedToolCall("tool_use_stream", "get_current_temperature")
                .toolResultFollowUp("tool_result_followup_nonstream_2")
                .missing(Scenario.STRUCTURED_OUTPUT, "no recording of a forced tool call (Anthropic's structured "
                        + "output); the tool-call scenarios check how tool arguments are read")
                // input tokens include the cache reads and writes, as the reference counts them
                .cacheUsage("cache_read_nonstream_2", new UsageMetadata(1532, 33, 1565,
                        new InputTokenDetails(null, 418L, 1111L), null))
                .missing(Scenario.USAGE_REASONING, "Anthropic reports no reasoning tokens apart: thinking counts "
                        + "in output_tokens")
                .error(Scenario.ERROR_AUTHENTICATION, "error_401_authentication", AuthenticationException.class)
                .error(Scenario.ERROR_RATE_LIMIT, "error_429_rate_limit", RateLimitException.class)
                .error(Scenario.ERROR_RATE_LIMIT, "error_429_rate_limit_with_headers", RateLimitException.class)
                .error(Scenario.ERROR_INVALID_REQUEST, "error_400_invalid_request", InvalidRequestException.class)
                .error(Scenario.ERROR_SERVER, "error_529_overloaded", ProviderServerException.class)
                .error(Scenario.ERROR_IN_STREAM, "stream_error_event_overloaded", ProviderServerException.class)
                .missing(Scenario.FINISH_REASONS,
                        "the recordings end with end_turn or tool_use only, which the scenarios above check");
    }

    @Override
    protected String recordedText(JsonNode response) {
        StringBuilder text = new StringBuilder();
        response.path("content").forEach(block -> text.append(block.path("text").asText("")));
        return text.toString();
    }

    @Override
    protected String recordedText(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().map(event -> RecordedJson.parse(event.data()))
                .filter(data -> data.at("/delta/type").asText().equals("text_delta"))
                .forEach(data -> text.append(data.at("/delta/text").asText()));
        return text.toString();
    }

    @Override
    protected ChatRequest followUpRequest(JsonNode recorded) {
        JsonNode call = recorded.at("/messages/1/content/0");
        JsonNode result = recorded.at("/messages/2/content/0");
        ToolSpecification tool = ToolSpecification.of(recorded.at("/tools/0/name").asText(),
                recorded.at("/tools/0/description").asText(), (ObjectNode) recorded.at("/tools/0/input_schema"));
        return new ChatRequest(List.of(HumanMessage.of(recorded.at("/messages/0/content").asText()),
                AIMessage.ofToolCalls(List.of(new ToolCall(call.get("id").asText(), call.get("name").asText(),
                        Map.of("location", call.at("/input/location").asText())))),
                ToolMessage.of(result.get("content").asText(), result.get("tool_use_id").asText())),
                ModelSettings.of(recorded.get("model").asText()), List.of(tool), null, null, null);
    }

    /** A string content is shorthand for one text block (see {@link AnthropicRecordings#canonical}). */
    @Override
    protected JsonNode comparable(JsonNode requestBody) {
        return AnthropicRecordings.canonical(requestBody);
    }
}
