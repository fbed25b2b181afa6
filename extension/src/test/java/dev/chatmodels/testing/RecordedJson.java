package dev.chatmodels.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;

/**
 * Brings recorded request bodies and the bodies this library sends to one of the equivalent forms the providers
 * accept, so that tests compare what matters: recorded schemas without Pydantic's {@code title}s, OpenAI tool-call
 * arguments parsed (JSON spacing differs), Anthropic text-only tool results as plain strings.
 */
public final class RecordedJson {

    private RecordedJson() {
    }

    /** A copy without the {@code title} keywords Pydantic adds to the schemas it generates. */
    public static JsonNode withoutTitles(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        removeTitles(copy);
        return copy;
    }

    /** A copy of OpenAI chat messages whose tool-call {@code arguments} are JSON trees instead of text. */
    public static JsonNode withParsedArguments(JsonNode messages) {
        JsonNode copy = messages.deepCopy();
        for (JsonNode message : copy) {
            for (JsonNode call : message.path("tool_calls")) {
                ObjectNode function = (ObjectNode) call.get("function");
                function.set("arguments", parse(function.get("arguments").asText()));
            }
        }
        return copy;
    }

    /**
     * A copy of Anthropic messages whose text-only {@code tool_result} content is a plain string and whose
     * {@code is_error} appears only when true.
     */
    public static JsonNode withPlainToolResults(JsonNode messages) {
        JsonNode copy = messages.deepCopy();
        for (JsonNode message : copy) {
            for (JsonNode block : message.path("content")) {
                if ("tool_result".equals(block.path("type").asText())) {
                    ObjectNode result = (ObjectNode) block;
                    JsonNode content = result.get("content");
                    if (content.isArray() && content.size() == 1 && "text".equals(content.at("/0/type").asText())) {
                        result.put("content", content.at("/0/text").asText());
                    }
                    if (!result.path("is_error").asBoolean()) {
                        result.remove("is_error");
                    }
                }
            }
        }
        return copy;
    }

    /** Parses JSON text in a test. */
    public static JsonNode parse(String json) {
        try {
            return Jackson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }

    private static void removeTitles(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("title").isTextual()) {
            object.remove("title");
        }
        node.forEach(RecordedJson::removeTitles);
    }
}
