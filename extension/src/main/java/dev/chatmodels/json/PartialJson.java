package dev.chatmodels.json;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Parses JSON that may be cut short, the way streamed tool-call arguments and structured output arrive: open strings,
 * arrays and objects are closed, and a trailing fragment that cannot be completed is dropped.
 */
public final class PartialJson {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** The outcome of parsing tool-call arguments: a JSON object, or the reason it is not one. */
    public record ObjectResult(Map<String, Object> value, String error) {
    }

    private PartialJson() {
    }

    /** Parses arguments text, possibly cut short, into a JSON object; blank text is the empty object. Never throws. */
    public static ObjectResult parseObject(String text) {
        return text == null || text.isBlank() ? new ObjectResult(Map.of(), null) : toObject(parse(text), text);
    }

    /**
     * Parses the arguments of a complete (not streamed) tool call into a JSON object: unlike {@link #parseObject},
     * JSON that is cut short is an error. Blank text is the empty object. Never throws.
     */
    public static ObjectResult parseCompleteObject(String text) {
        return text == null || text.isBlank() ? new ObjectResult(Map.of(), null) : toObject(tryParse(text), text);
    }

    private static ObjectResult toObject(JsonNode node, String text) {
        if (node == null) {
            return new ObjectResult(null, "Invalid JSON in tool-call arguments: " + abbreviate(text));
        }
        if (!node.isObject()) {
            return new ObjectResult(null, "Tool-call arguments must be a JSON object, got " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT) + ": " + abbreviate(text));
        }
        return new ObjectResult(Jackson.MAPPER.convertValue(node, MAP), null);
    }

    /** Parses complete or truncated JSON; {@code null} when nothing sensible can be made of it. */
    public static JsonNode parse(String text) {
        return parse(text, examined -> {
        });
    }

    /**
     * {@link #parse(String)}, telling {@code examined} how many characters each step reads: the steps read the text
     * a bounded number of times, whatever it holds.
     */
    static JsonNode parse(String text, IntConsumer examined) {
        JsonNode strict = tryParse(text, examined);
        if (strict != null) {
            return strict;
        }
        if (complete(text, examined) == null) {
            return null;
        }
        // The longest prefix that parses once closed: what trying every prefix, longest first, would find.
        examined.accept(text.length());
        int length = JsonPrefixScanner.completablePrefixLength(text);
        return length == 0 ? null : tryParse(complete(text.substring(0, length), examined), examined);
    }

    /** Closes the open string and the open arrays and objects of a JSON prefix; {@code null} if it is unbalanced. */
    private static String complete(String prefix, IntConsumer examined) {
        examined.accept(prefix.length());
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
        return tryParse(text, examined -> {
        });
    }

    private static JsonNode tryParse(String text, IntConsumer examined) {
        examined.accept(text.length());
        try {
            JsonNode node = Jackson.MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
