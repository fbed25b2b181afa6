package dev.chatmodels.json;

import java.util.ArrayDeque;
import java.util.Deque;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The quadratic {@code PartialJson.parse} as it was before it became linear (it tried every prefix, longest first):
 * the reference the linear one must agree with.
 */
final class LegacyPartialJson {

    private LegacyPartialJson() {
    }

    static JsonNode parse(String text) {
        JsonNode strict = tryParse(text);
        if (strict != null) {
            return strict;
        }
        if (complete(text) == null) {
            return null;
        }
        String candidate = text;
        while (!candidate.isEmpty()) {
            String completion = complete(candidate);
            JsonNode completed = completion == null ? null : tryParse(completion);
            if (completed != null) {
                return completed;
            }
            candidate = candidate.substring(0, candidate.length() - 1);
        }
        return null;
    }

    private static String complete(String prefix) {
        Deque<Character> closers = new ArrayDeque<>();
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
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
                closers.push('}');
            } else if (c == '[') {
                closers.push(']');
            } else if (c == '}' || c == ']') {
                if (closers.isEmpty() || closers.pop() != c) {
                    return null;
                }
            }
        }
        StringBuilder completed = new StringBuilder(prefix);
        if (inString) {
            if (escaped) {
                completed.setLength(completed.length() - 1);
            }
            completed.append('"');
        }
        closers.forEach(completed::append);
        return completed.toString();
    }

    private static JsonNode tryParse(String text) {
        try {
            JsonNode node = Jackson.MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
