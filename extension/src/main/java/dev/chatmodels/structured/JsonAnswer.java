package dev.chatmodels.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.json.PartialJson;

/**
 * Finds the JSON object in a model's text answer: the first {@code {} from which a complete JSON object can be read,
 * ignoring what follows it. A Markdown fence (```json ... ```) or words around the object do no harm.
 */
final class JsonAnswer {

    /** Reads one value and stops: the words after the object are not JSON. */
    private static final ObjectReader FIRST_VALUE = Jackson.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * How many {@code {} positions are tried: each try may read to the end of the text, so an unbounded number would
     * make a text of many unclosed braces cost quadratic time. Answers put their object after a few braces of prose at
     * most.
     */
    static final int MAX_STARTS = 32;

    private JsonAnswer() {
    }

    /** The JSON object in {@code text}. */
    static JsonNode parse(String text) {
        JsonProcessingException firstError = null;
        int tries = 0;
        for (int start = text.indexOf('{'); start >= 0 && tries < MAX_STARTS; start = text.indexOf('{', start + 1)) {
            tries++;
            try {
                return FIRST_VALUE.readTree(text.substring(start));
            } catch (JsonProcessingException e) {
                firstError = firstError == null ? e : firstError;
            }
        }
        String reason = firstError == null ? "there is no JSON object in it"
                : "it is not valid JSON (" + firstError.getOriginalMessage() + ")";
        throw new OutputParsingException("Cannot read the model's answer as a JSON object: " + reason, text, firstError);
    }

    /** The JSON object {@code text} holds so far, completed where it is cut short; {@code null} when there is none. */
    static JsonNode parsePartial(String text) {
        int start = text.indexOf('{');
        if (start < 0) {
            return null;
        }
        JsonNode node;
        try {
            node = FIRST_VALUE.readTree(text.substring(start));
        } catch (JsonProcessingException e) {
            node = PartialJson.parse(text.substring(start));
        }
        return node != null && node.isObject() ? node : null;
    }
}
