package dev.chatmodels.provider.google;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.ReasoningBlock;

/**
 * The parts of Gemini content that answers and streams share, and how a part's {@code thoughtSignature} is kept.
 * <p>
 * Gemini attaches a thought signature (its encrypted reasoning) to a part: a thought, a text or a function call. It
 * must go back on the same part in the next turn, or tool loops of thinking models fail. A signature is kept as a
 * {@link ReasoningBlock} whose extras hold it under {@link #THOUGHT_SIGNATURE}: on the thought itself, and for any other
 * part as a block with no reasoning text placed right before that part's block; a function call's signature also
 * names the call ({@link #TOOL_CALL_ID}) because tool calls may be held apart from the content.
 */
final class GeminiParts {

    /** The key of a thought signature in {@link ReasoningBlock#extras()}; Gemini's own word, so no other provider reads it. */
    static final String THOUGHT_SIGNATURE = "thought_signature";
    /** The key of the id of the tool call a signature belongs to in {@link ReasoningBlock#extras()}. */
    static final String TOOL_CALL_ID = "tool_call_id";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private GeminiParts() {
    }

    /** The signature of a part that is not a thought, as a block of its own; {@code toolCallId} may be {@code null}. */
    static ReasoningBlock signature(String signature, String toolCallId, Integer index) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put(THOUGHT_SIGNATURE, signature);
        if (toolCallId != null) {
            extras.put(TOOL_CALL_ID, toolCallId);
        }
        return new ReasoningBlock("", extras, index, null);
    }

    /** A thought ({@code "thought": true}) with its signature when it has one. */
    static ReasoningBlock thought(String text, String signature, Integer index) {
        return new ReasoningBlock(text, signature == null ? Map.of() : Map.of(THOUGHT_SIGNATURE, signature), index, null);
    }

    /** The signature of a part, {@code null} when it has none. */
    static String signatureOf(JsonNode part) {
        JsonNode signature = part.has("thoughtSignature") ? part.get("thoughtSignature") : part.get("thought_signature");
        return signature == null || !signature.isTextual() || signature.asText().isEmpty() ? null : signature.asText();
    }

    /** An {@code inlineData} ({@code {mimeType, data}}) or {@code fileData} ({@code {mimeType, fileUri}}) part's data. */
    static DataBlock data(JsonNode part) {
        JsonNode inline = part.get("inlineData");
        if (inline != null && inline.isObject()) {
            String mimeType = inline.path("mimeType").asText(null);
            return DataBlock.base64(kind(mimeType), inline.path("data").asText(), mimeType);
        }
        JsonNode file = part.path("fileData");
        String mimeType = file.path("mimeType").asText(null);
        return new DataBlock(kind(mimeType), file.path("fileUri").asText(), null, mimeType, null, null);
    }

    /** Whether a part holds data. */
    static boolean isData(JsonNode part) {
        return part.path("inlineData").isObject() || part.path("fileData").isObject();
    }

    /** The kind of content a MIME type stands for. */
    static DataBlock.Kind kind(String mimeType) {
        String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return DataBlock.Kind.IMAGE;
        }
        if (type.startsWith("audio/")) {
            return DataBlock.Kind.AUDIO;
        }
        return type.startsWith("video/") ? DataBlock.Kind.VIDEO : DataBlock.Kind.FILE;
    }

    static Map<String, Object> map(JsonNode node) {
        return node.isObject() ? Jackson.MAPPER.convertValue(node, MAP) : Map.of();
    }
}
