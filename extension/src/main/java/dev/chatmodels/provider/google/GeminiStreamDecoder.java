package dev.chatmodels.provider.google;

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
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.provider.AnswerShape;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;

/**
 * Decodes {@code streamGenerateContent?alt=sse}: data-only events, each a whole {@code GenerateContentResponse} with
 * the next parts of the first candidate. Text continues the text before it and thoughts the thoughts before them, so
 * they share a block index; a signature, a function call (which arrives whole) or a change of kind starts a new one.
 * Each event reports the usage so far: a chunk carries the difference to the usage already reported, so the chunks
 * add up to the last report. The event with a finish reason ends the stream.
 */
final class GeminiStreamDecoder implements StreamDecoder {

    private static final AnswerShape SHAPE = AnswerShape.ofStreamEvent(GeminiErrorDecoder.PROVIDER);

    private enum Kind {
        NONE,
        TEXT,
        THOUGHT
    }

    private Kind open = Kind.NONE;
    private int nextIndex;
    private boolean identified;
    private int toolCalls;
    private UsageMetadata reported;
    private boolean complete;

    @Override
    public List<AIMessageChunk> decode(StreamEvent event) {
        if (complete || event.data() == null || event.data().isBlank()) {
            return List.of();
        }
        JsonNode data = parse(event.data());
        JsonNode error = GeminiErrorDecoder.errorObject(data);
        if (error != null) {
            throw ProviderException.of(GeminiErrorDecoder.inAnswer(error));
        }
        SHAPE.require(data, AnswerShape.OBJECT, "the data", "a JSON object");
        JsonNode candidate = GeminiResponseDecoder.firstCandidate(SHAPE, data);
        List<ContentBlock> content = new ArrayList<>();
        List<ToolCallChunk> calls = new ArrayList<>();
        String id = data.path("responseId").asText(null);
        for (JsonNode part : GeminiResponseDecoder.parts(SHAPE, candidate)) {
            SHAPE.require(part, AnswerShape.OBJECT, "a part", "an object");
            decodePart(part, id, content, calls);
        }
        // the model version and response id repeat on every event; the first chunk carries them
        Map<String, Object> metadata = identified ? new LinkedHashMap<>() : GeminiResponseDecoder.identity(data);
        identified = true;
        metadata.putAll(GeminiResponseDecoder.candidateMetadata(data, candidate, toolCalls > 0));
        complete = candidate.has("finishReason") || data.path("promptFeedback").has("blockReason");
        UsageMetadata usage = usageDelta(GeminiResponseDecoder.usage(data.path("usageMetadata")));
        if (content.isEmpty() && calls.isEmpty() && usage == null && metadata.isEmpty()) {
            return List.of();
        }
        return List.of(new AIMessageChunk(content, calls, usage, metadata, id));
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    private void decodePart(JsonNode part, String responseId, List<ContentBlock> content, List<ToolCallChunk> calls) {
        String signature = GeminiParts.signatureOf(part);
        if (part.path("thought").asBoolean() && part.has("text")) {
            content.add(GeminiParts.thought(part.path("text").asText(), signature, index(Kind.THOUGHT)));
            if (signature != null) {
                // a thought's signature closes it: the next thought must not merge a second signature into this one
                open = Kind.NONE;
            }
            return;
        }
        if (part.has("functionCall")) {
            ToolCall call = GeminiResponseDecoder.toolCall(SHAPE, part.get("functionCall"), responseId, toolCalls++);
            if (signature != null) {
                content.add(GeminiParts.signature(signature, call.id(), index(Kind.NONE)));
            }
            calls.add(new ToolCallChunk(call.id(), call.name(), Jackson.MAPPER.valueToTree(call.args()).toString(),
                    index(Kind.NONE)));
            return;
        }
        if (signature != null) {
            content.add(GeminiParts.signature(signature, null, index(Kind.NONE)));
        }
        ContentBlock block = GeminiResponseDecoder.block(SHAPE, part);
        if (block instanceof TextBlock text) {
            if (!text.text().isEmpty()) {
                content.add(TextBlock.indexed(text.text(), index(Kind.TEXT)));
            }
        } else {
            open = Kind.NONE;
            content.add(block);
        }
    }

    /** The block index of a part of {@code kind}: the open block's when it continues it, else a new one. */
    private int index(Kind kind) {
        if (kind != Kind.NONE && kind == open) {
            return nextIndex - 1;
        }
        open = kind;
        return nextIndex++;
    }

    /** What this event's cumulative usage adds to the usage the earlier chunks reported. */
    private UsageMetadata usageDelta(UsageMetadata cumulative) {
        if (cumulative == null) {
            return null;
        }
        UsageMetadata before = reported;
        reported = cumulative;
        if (before == null) {
            return cumulative;
        }
        return new UsageMetadata(cumulative.inputTokens() - before.inputTokens(),
                cumulative.outputTokens() - before.outputTokens(), cumulative.totalTokens() - before.totalTokens(),
                inputDetailsDelta(cumulative.inputTokenDetails(), before.inputTokenDetails()),
                outputDetailsDelta(cumulative.outputTokenDetails(), before.outputTokenDetails()));
    }

    private static UsageMetadata.InputTokenDetails inputDetailsDelta(UsageMetadata.InputTokenDetails now,
            UsageMetadata.InputTokenDetails before) {
        if (now == null && before == null) {
            return null;
        }
        return new UsageMetadata.InputTokenDetails(difference(now == null ? null : now.audio(),
                before == null ? null : before.audio()), null,
                difference(now == null ? null : now.cacheRead(), before == null ? null : before.cacheRead()));
    }

    private static UsageMetadata.OutputTokenDetails outputDetailsDelta(UsageMetadata.OutputTokenDetails now,
            UsageMetadata.OutputTokenDetails before) {
        if (now == null && before == null) {
            return null;
        }
        return new UsageMetadata.OutputTokenDetails(difference(now == null ? null : now.audio(),
                before == null ? null : before.audio()),
                difference(now == null ? null : now.reasoning(), before == null ? null : before.reasoning()));
    }

    private static Long difference(Long now, Long before) {
        if (now == null) {
            return before == null ? null : -before;
        }
        return before == null ? now : now - before;
    }

    private static JsonNode parse(String data) {
        try {
            return Jackson.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw ProviderException.of(ProviderError.invalidResponse(GeminiErrorDecoder.PROVIDER,
                    "The stream sent an event that is not JSON (" + e.getOriginalMessage() + "): "
                            + ProviderError.excerpt(data)));
        }
    }
}
