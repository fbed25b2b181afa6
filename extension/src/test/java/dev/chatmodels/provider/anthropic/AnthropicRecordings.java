package dev.chatmodels.provider.anthropic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

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
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Fixtures.json(PROVIDER, scenario + ".meta.json").path("headers").fields()
                .forEachRemaining(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT),
                        List.of(header.getValue().asText())));
        return headers;
    }

    static int status(String scenario) {
        return Fixtures.json(PROVIDER, scenario + ".meta.json").path("status").asInt();
    }

    static JsonNode json(String text) {
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + text, e);
        }
    }
}
