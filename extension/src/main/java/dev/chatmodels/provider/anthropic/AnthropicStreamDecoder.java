package dev.chatmodels.provider.anthropic;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolCallChunk;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;

/**
 * Decodes Anthropic's server-sent events: {@code message_start}, {@code content_block_start/delta/stop},
 * {@code message_delta}, {@code ping}, {@code message_stop} and {@code error}. Every chunk carries the event's block
 * index, so the chunks add up to the blocks of the answer.
 */
final class AnthropicStreamDecoder implements StreamDecoder {

    private static final AnswerShape SHAPE = AnswerShape.ofStreamEvent(AnthropicErrorDecoder.PROVIDER);

    /** The indexes of server tool calls, whose {@code input_json_delta}s are not client tool-call arguments. */
    private final Set<Integer> serverToolBlocks = new HashSet<>();
    private JsonNode startUsage;
    private UsageMetadata reportedAtStart;
    private boolean complete;

    @Override
    public List<AIMessageChunk> decode(StreamEvent event) {
        if (complete || event.data() == null || event.data().isBlank()) {
            return List.of();
        }
        JsonNode data = SHAPE.require(parse(event.data()), AnswerShape.OBJECT, "the data", "a JSON object");
        String type = data.path("type").asText(event.event() == null ? "" : event.event());
        switch (type) {
            case "message_start":
                return List.of(messageStart(SHAPE.require(data.get("message"), AnswerShape.OBJECT, "message_start's message",
                        "an object")));
            case "content_block_start":
                return List.of(blockStart(data.path("index").asInt(), data.get("content_block")));
            case "content_block_delta":
                AIMessageChunk delta = blockDelta(data.path("index").asInt(),
                        SHAPE.require(data.get("delta"), AnswerShape.OBJECT, "content_block_delta's delta", "an object"));
                return delta == null ? List.of() : List.of(delta);
            case "message_delta":
                return List.of(new AIMessageChunk(List.of(), List.of(), usageDelta(data.path("usage")),
                        AnthropicResponseDecoder.stop(SHAPE.require(data.get("delta"), AnswerShape.OBJECT,
                                "message_delta's delta", "an object")),
                        null));
            case "message_stop":
                complete = true;
                return List.of();
            case "error":
                throw ProviderException.of(AnthropicErrorDecoder.streamError(data));
            default:
                // ping, content_block_stop, and event types Anthropic may add later.
                return List.of();
        }
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    private AIMessageChunk messageStart(JsonNode message) {
        startUsage = message.path("usage");
        UsageMetadata usage = AnthropicResponseDecoder.usage(startUsage);
        // message_delta reports the cumulative output count; the early count given here is left out so that the
        // chunks add up to the final usage.
        reportedAtStart = usage == null ? null
                : new UsageMetadata(usage.inputTokens(), 0, usage.inputTokens(), usage.inputTokenDetails(), null);
        return new AIMessageChunk(List.of(), List.of(), reportedAtStart, AnthropicResponseDecoder.identity(message),
                AnthropicResponseDecoder.text(message, "id"));
    }

    private AIMessageChunk blockStart(int index, JsonNode block) {
        ContentBlock decoded = AnthropicResponseDecoder.block(SHAPE, block, index);
        if (decoded instanceof ToolCall call) {
            return new AIMessageChunk(List.of(), List.of(new ToolCallChunk(call.id(), call.name(), initialArgs(block), index)),
                    null, Map.of(), null);
        }
        if (decoded instanceof ServerToolCall call) {
            serverToolBlocks.add(index);
            decoded = new ServerToolCallChunk(call.id(), call.name(), initialArgs(block), index);
        }
        return content(decoded);
    }

    /** Streams start tool blocks with an empty input that {@code input_json_delta}s then fill in. */
    private static String initialArgs(JsonNode block) {
        JsonNode input = block.path("input");
        return input.isObject() && !input.isEmpty() ? input.toString() : "";
    }

    private AIMessageChunk blockDelta(int index, JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta":
                return content(TextBlock.indexed(delta.path("text").asText(), index));
            case "thinking_delta":
                return content(new ReasoningBlock(delta.path("thinking").asText(), Map.of(), index, null));
            case "signature_delta":
                return content(new ReasoningBlock("",
                        Map.of(AnthropicResponseDecoder.SIGNATURE, delta.path("signature").asText()), index, null));
            case "citations_delta":
                return content(new TextBlock("", List.of(AnthropicResponseDecoder.citation(delta.path("citation"))), index,
                        null));
            case "input_json_delta":
                String fragment = delta.path("partial_json").asText();
                if (serverToolBlocks.contains(index)) {
                    return content(new ServerToolCallChunk(null, null, fragment, index));
                }
                return new AIMessageChunk(List.of(), List.of(new ToolCallChunk(null, null, fragment, index)), null,
                        Map.of(), null);
            default:
                return null;
        }
    }

    /**
     * The usage of a {@code message_delta}, which is cumulative (input tokens can grow during server tool use), as the
     * difference to what the {@code message_start} chunk reported.
     */
    private UsageMetadata usageDelta(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        ObjectNode cumulative = startUsage != null && startUsage.isObject() ? ((ObjectNode) startUsage).deepCopy()
                : Jackson.MAPPER.createObjectNode();
        cumulative.setAll((ObjectNode) usage);
        UsageMetadata total = AnthropicResponseDecoder.usage(cumulative);
        if (reportedAtStart == null) {
            return total;
        }
        long input = total.inputTokens() - reportedAtStart.inputTokens();
        UsageMetadata.InputTokenDetails start = reportedAtStart.inputTokenDetails();
        UsageMetadata.InputTokenDetails end = total.inputTokenDetails();
        UsageMetadata.InputTokenDetails details = end == null ? null
                : new UsageMetadata.InputTokenDetails(null,
                        difference(end.cacheCreation(), start == null ? null : start.cacheCreation()),
                        difference(end.cacheRead(), start == null ? null : start.cacheRead()));
        return new UsageMetadata(input, total.outputTokens(), input + total.outputTokens(), details, null);
    }

    private static Long difference(Long end, Long start) {
        return end == null ? null : end - AnthropicResponseDecoder.orZero(start);
    }

    private static AIMessageChunk content(ContentBlock block) {
        return new AIMessageChunk(List.of(block), List.of(), null, Map.of(), null);
    }

    private static JsonNode parse(String data) {
        try {
            return Jackson.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw ProviderException.of(ProviderError.invalidResponse(AnthropicErrorDecoder.PROVIDER,
                    "The stream sent an event that is not JSON (" + e.getOriginalMessage() + "): "
                            + ProviderError.excerpt(data)));
        }
    }
}
