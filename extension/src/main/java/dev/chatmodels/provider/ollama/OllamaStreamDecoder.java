package dev.chatmodels.provider.ollama;

import java.util.ArrayList;
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
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;

/**
 * Decodes {@code /api/chat} NDJSON streams: each line a partial answer with the next piece of {@code thinking} and
 * {@code content}, or whole tool calls; the line with {@code done: true} ends the stream with the finish reason and
 * usage. A line {@code {"error": ...}} is a failure after the stream started. Thinking continues the thinking before it
 * and text the text before it, so they share a block index; a change of kind or a tool call starts a new one.
 */
final class OllamaStreamDecoder implements StreamDecoder {

    private static final AnswerShape SHAPE = AnswerShape.ofStreamEvent(OllamaErrorDecoder.PROVIDER);

    private enum Kind {
        NONE,
        TEXT,
        THINKING
    }

    private Kind open = Kind.NONE;
    private int nextIndex;
    private int toolCalls;
    private boolean identified;
    private boolean complete;

    @Override
    public List<AIMessageChunk> decode(StreamEvent event) {
        if (complete || event.data() == null || event.data().isBlank()) {
            return List.of();
        }
        JsonNode line = parse(event.data());
        SHAPE.require(line, AnswerShape.OBJECT, "the line", "a JSON object");
        OllamaResponseDecoder.throwIfError(line);
        JsonNode message = SHAPE.require(line.get("message"), AnswerShape.optional(AnswerShape.OBJECT), "message",
                "an object");
        List<ContentBlock> content = new ArrayList<>();
        List<ToolCallChunk> calls = new ArrayList<>();
        if (message.isObject()) {
            String thinking = OllamaResponseDecoder.text(SHAPE, message, "thinking");
            if (!thinking.isEmpty()) {
                content.add(new ReasoningBlock(thinking, Map.of(), index(Kind.THINKING), null));
            }
            String text = OllamaResponseDecoder.text(SHAPE, message, "content");
            if (!text.isEmpty()) {
                content.add(TextBlock.indexed(text, index(Kind.TEXT)));
            }
            for (ToolCall call : OllamaResponseDecoder.toolCalls(SHAPE, message, line, toolCalls)) {
                calls.add(new ToolCallChunk(call.id(), call.name(), Jackson.MAPPER.valueToTree(call.args()).toString(),
                        index(Kind.NONE)));
                toolCalls++;
            }
        }
        // the model name and time repeat on every line; the first chunk carries them
        Map<String, Object> metadata = identified ? new LinkedHashMap<>() : OllamaResponseDecoder.identity(line);
        identified = true;
        metadata.putAll(OllamaResponseDecoder.finish(line, toolCalls > 0));
        complete = line.path("done").asBoolean();
        UsageMetadata usage = complete ? OllamaResponseDecoder.usage(line) : null;
        if (content.isEmpty() && calls.isEmpty() && usage == null && metadata.isEmpty()) {
            return List.of();
        }
        return List.of(new AIMessageChunk(content, calls, usage, metadata, null));
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    /** The block index of a piece of {@code kind}: the open block's when it continues it, else a new one. */
    private int index(Kind kind) {
        if (kind != Kind.NONE && kind == open) {
            return nextIndex - 1;
        }
        open = kind;
        return nextIndex++;
    }

    private static JsonNode parse(String data) {
        try {
            return Jackson.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw ProviderException.of(ProviderError.invalidResponse(OllamaErrorDecoder.PROVIDER,
                    "The stream sent a line that is not JSON (" + e.getOriginalMessage() + "): "
                            + ProviderError.excerpt(data)));
        }
    }
}
