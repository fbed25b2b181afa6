package dev.chatmodels.provider;

import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;

/**
 * Checks that the parts of an answer (or of a stream event) that decide what it says have the JSON types the provider
 * documents. An answer of another shape is not an answer: it is an invalid-response error, never an empty message.
 *
 * @param provider the provider's name
 * @param subject what is checked, as the error message names it, e.g. {@code The answer}
 */
public record AnswerShape(String provider, String subject) {

    /** A JSON object. */
    public static final Predicate<JsonNode> OBJECT = JsonNode::isObject;
    /** A JSON array. */
    public static final Predicate<JsonNode> ARRAY = JsonNode::isArray;
    /** A JSON string. */
    public static final Predicate<JsonNode> TEXT = JsonNode::isTextual;

    /** Checks a whole non-streamed answer. */
    public static AnswerShape ofAnswer(String provider) {
        return new AnswerShape(provider, "The answer");
    }

    /** Checks one event of a streamed answer. */
    public static AnswerShape ofStreamEvent(String provider) {
        return new AnswerShape(provider, "A stream event");
    }

    /** {@code shape}, or a missing or null value. */
    public static Predicate<JsonNode> optional(Predicate<JsonNode> shape) {
        return node -> node.isMissingNode() || node.isNull() || shape.test(node);
    }

    /**
     * {@code node} when it has the shape; otherwise an invalid-response error.
     *
     * @param what where the value is in the answer, e.g. {@code choices[0].message}
     * @param expected the shape in words, e.g. {@code an object}
     */
    public JsonNode require(JsonNode node, Predicate<JsonNode> shape, String what, String expected) {
        JsonNode value = node == null ? MissingNode.getInstance() : node;
        if (!shape.test(value)) {
            throw malformed(what + " is " + describe(value) + ", not " + expected);
        }
        return value;
    }

    /** The invalid-response error for an answer of the wrong shape; {@code detail} says what is wrong. */
    public ProviderException malformed(String detail) {
        return ProviderException.of(ProviderError.invalidResponse(provider, subject + " is malformed: " + detail));
    }

    private static String describe(JsonNode node) {
        if (node.isMissingNode()) {
            return "missing";
        }
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case ARRAY -> node.isEmpty() ? "an empty array" : "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
