package dev.chatmodels.provider.bedrock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.transport.StreamEvent;

/**
 * Decodes ConverseStream events as {@link BedrockEventStreamDeframer} hands them over: {@code messageStart},
 * {@code contentBlockStart/Delta/Stop}, {@code messageStop}, {@code metadata} (the last event, with usage), and
 * exception frames. Every chunk carries its {@code contentBlockIndex}, so the chunks add up to the blocks of the
 * answer.
 */
final class BedrockStreamDecoder implements StreamDecoder {

    private static final AnswerShape SHAPE = AnswerShape.ofStreamEvent(BedrockErrorDecoder.PROVIDER);

    private boolean complete;

    @Override
    public List<AIMessageChunk> decode(StreamEvent event) {
        if (complete || event.event() == null) {
            return List.of();
        }
        if (BedrockErrorDecoder.isException(event.event())) {
            JsonNode payload = parseOrEmpty(event.data());
            throw ProviderException.of(BedrockErrorDecoder.streamError(event.event(), payload));
        }
        switch (event.event()) {
            case "contentBlockStart":
                return blockStart(event);
            case "contentBlockDelta":
                return blockDelta(event);
            case "messageStop":
                return List.of(new AIMessageChunk(List.of(), List.of(), null, BedrockResponseDecoder.stop(data(event)),
                        null));
            case "metadata":
                complete = true;
                JsonNode data = data(event);
                Map<String, Object> metadata = new LinkedHashMap<>(BedrockResponseDecoder.metrics(data.path("metrics")));
                return List.of(new AIMessageChunk(List.of(), List.of(), BedrockResponseDecoder.usage(data.path("usage")),
                        metadata, null));
            default:
                // messageStart, contentBlockStop, and event types Bedrock may add later.
                return List.of();
        }
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    private static List<AIMessageChunk> blockStart(StreamEvent event) {
        JsonNode data = data(event);
        int index = index(data);
        JsonNode toolUse = data.path("start").path("toolUse");
        if (!toolUse.isObject()) {
            return List.of();
        }
        return List.of(toolCallChunk(new ToolCallChunk(BedrockResponseDecoder.text(toolUse, "toolUseId"),
                BedrockResponseDecoder.text(toolUse, "name"), "", index)));
    }

    private static List<AIMessageChunk> blockDelta(StreamEvent event) {
        JsonNode data = data(event);
        int index = index(data);
        JsonNode delta = SHAPE.require(data.get("delta"), AnswerShape.OBJECT, "contentBlockDelta's delta", "an object");
        if (delta.has("text")) {
            return content(TextBlock.indexed(
                    SHAPE.require(delta.get("text"), AnswerShape.TEXT, "a text delta", "text").asText(), index));
        }
        if (delta.has("toolUse")) {
            return List.of(toolCallChunk(new ToolCallChunk(null, null, delta.path("toolUse").path("input").asText(), index)));
        }
        if (delta.has("reasoningContent")) {
            return content(BedrockResponseDecoder.reasoning(delta.get("reasoningContent"), index));
        }
        // citations and deltas Bedrock may add later, kept as they came
        return content(new NonStandardBlock(BedrockResponseDecoder.map(delta), index));
    }

    private static int index(JsonNode data) {
        return SHAPE.require(data.get("contentBlockIndex"), JsonNode::isInt, "contentBlockIndex", "an integer").asInt();
    }

    private static AIMessageChunk toolCallChunk(ToolCallChunk chunk) {
        return new AIMessageChunk(List.of(), List.of(chunk), null, Map.of(), null);
    }

    private static List<AIMessageChunk> content(ContentBlock block) {
        return List.of(new AIMessageChunk(List.of(block), List.of(), null, Map.of(), null));
    }

    private static JsonNode data(StreamEvent event) {
        try {
            return SHAPE.require(Jackson.MAPPER.readTree(event.data() == null ? "" : event.data()), AnswerShape.OBJECT,
                    "the " + event.event() + " payload", "a JSON object");
        } catch (JsonProcessingException e) {
            throw ProviderException.of(ProviderError.invalidResponse(BedrockErrorDecoder.PROVIDER,
                    "The stream sent an event that is not JSON (" + e.getOriginalMessage() + "): "
                            + ProviderError.excerpt(event.data())));
        }
    }

    /** An exception frame's payload; one that is not JSON still ends the stream with its exception type. */
    private static JsonNode parseOrEmpty(String data) {
        try {
            JsonNode payload = data == null || data.isBlank() ? null : Jackson.MAPPER.readTree(data);
            return payload != null && payload.isObject() ? payload : Jackson.MAPPER.createObjectNode();
        } catch (JsonProcessingException e) {
            return Jackson.MAPPER.createObjectNode();
        }
    }
}
