package dev.chatmodels.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.json.PartialJson;

/**
 * Finds the JSON object in a model's text answer. The whole text is tried first; failing that, each {@code {} in
 * turn with its matching {@code }}, so a Markdown fence (```json ... ```) or words around the object do no harm.
 */
final class JsonAnswer {

    private JsonAnswer() {
    }

    /** The JSON object in {@code text}. */
    static JsonNode parse(String text) {
        String trimmed = text.strip();
        JsonProcessingException firstError;
        try {
            JsonNode whole = Jackson.MAPPER.readTree(trimmed);
            if (whole != null && whole.isObject()) {
                return whole;
            }
            firstError = null;
        } catch (JsonProcessingException e) {
            firstError = e;
        }
        for (int start = trimmed.indexOf('{'); start >= 0; start = trimmed.indexOf('{', start + 1)) {
            int end = matchingBrace(trimmed, start);
            if (end < 0) {
                break;
            }
            try {
                return Jackson.MAPPER.readTree(trimmed.substring(start, end + 1));
            } catch (JsonProcessingException e) {
                firstError = firstError == null ? e : firstError;
            }
        }
        String reason = trimmed.indexOf('{') < 0 ? "there is no JSON object in it"
                : "it is not valid JSON" + (firstError == null ? "" : " (" + firstError.getOriginalMessage() + ")");
        throw new OutputParsingException("Cannot read the model's answer as a JSON object: " + reason, text, firstError);
    }

    /** The JSON object {@code text} holds so far, completed where it is cut short; {@code null} when there is none. */
    static JsonNode parsePartial(String text) {
        int start = text.indexOf('{');
        if (start < 0) {
            return null;
        }
        int end = matchingBrace(text, start);
        JsonNode node = PartialJson.parse(end < 0 ? text.substring(start) : text.substring(start, end + 1));
        return node != null && node.isObject() ? node : null;
    }

    /** The index of the {@code }} closing the object opened at {@code start}, or -1 when it is not closed. */
    private static int matchingBrace(String text, int start) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
