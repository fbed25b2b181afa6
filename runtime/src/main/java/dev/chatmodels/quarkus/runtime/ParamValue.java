package dev.chatmodels.quarkus.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;

/**
 * Types a provider parameter written as text in configuration ({@code params.top_p=0.9}): numbers, booleans, JSON
 * objects and JSON arrays are sent as such, anything else as a string.
 */
final class ParamValue {

    private ParamValue() {
    }

    static Object typed(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || !looksTyped(trimmed.charAt(0))) {
            return text;
        }
        try {
            JsonNode node = Jackson.MAPPER.readTree(trimmed);
            if (node.isNumber() || node.isBoolean() || node.isContainerNode()) {
                return Jackson.MAPPER.treeToValue(node, Object.class);
            }
        } catch (JsonProcessingException e) {
            // not JSON: a plain string
        }
        return text;
    }

    private static boolean looksTyped(char first) {
        return first == '-' || Character.isDigit(first) || first == 't' || first == 'f' || first == '{' || first == '[';
    }
}
