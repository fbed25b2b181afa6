package dev.chatmodels.provider.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.SseFixtures;
import dev.chatmodels.transport.StreamEvent;

/** The recorded Anthropic exchanges under {@code fixtures/anthropic}, read the way the tests need them. */
final class AnthropicRecordings {

    static final String PROVIDER = "anthropic";

    private AnthropicRecordings() {
    }

    static JsonNode request(String scenario) {
        return Fixtures.json(PROVIDER, scenario + ".request.json");
    }

    static JsonNode response(String scenario) {
        return Fixtures.json(PROVIDER, scenario + ".response.json");
    }

    static String responseText(String scenario) {
        return Fixtures.read(PROVIDER, scenario + ".response.json");
    }

    static List<StreamEvent> events(String scenario) {
        return SseFixtures.events(PROVIDER, scenario + ".response.sse");
    }

    /** Every chunk a fresh stream decoder makes of the recorded stream. */
    static List<AIMessageChunk> chunks(String scenario) {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        List<AIMessageChunk> chunks = new ArrayList<>();
        events(scenario).forEach(event -> chunks.addAll(decoder.decode(event)));
        return chunks;
    }

    /** The recorded response headers (names in lower case) of {@code scenario}.meta.json. */
    static Map<String, List<String>> headers(String scenario) {
        return Fixtures.headers(PROVIDER, scenario);
    }

    static int status(String scenario) {
        return Fixtures.status(PROVIDER, scenario);
    }

    /**
     * A request body the way Anthropic reads it: a string content is shorthand for one text block, and
     * {@code is_error: false} is the default.
     */
    static JsonNode canonical(JsonNode request) {
        ObjectNode copy = request.deepCopy();
        for (JsonNode turn : copy.path("messages")) {
            ObjectNode message = (ObjectNode) turn;
            message.set("content", blocks(message.get("content")));
            for (JsonNode block : message.get("content")) {
                if (block.path("type").asText().equals("tool_result")) {
                    ObjectNode result = (ObjectNode) block;
                    result.set("content", blocks(result.get("content")));
                    if (result.path("is_error").isBoolean() && !result.get("is_error").asBoolean()) {
                        result.remove("is_error");
                    }
                }
            }
        }
        return copy;
    }

    private static JsonNode blocks(JsonNode content) {
        if (!content.isTextual()) {
            return content;
        }
        ArrayNode blocks = Jackson.MAPPER.createArrayNode();
        blocks.addObject().put("type", "text").put("text", content.asText());
        return blocks;
    }

    static JsonNode json(String text) {
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + text, e);
        }
    }
}
