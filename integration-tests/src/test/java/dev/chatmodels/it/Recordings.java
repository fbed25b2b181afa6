package dev.chatmodels.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.SseFixtures;
import dev.chatmodels.transport.StreamEvent;

/**
 * The answers the recorded fixtures hold, read straight from their JSON (not through the library's codecs): what the
 * app must hand back unchanged.
 */
final class Recordings {

    private Recordings() {
    }

    /** The text of a recorded answer, {@code fixtures/<provider>/<scenario>.response.json}. */
    static String answerText(String provider, String scenario) {
        JsonNode response = Fixtures.json(provider, scenario + ".response.json");
        if (response.has("choices")) {
            return response.at("/choices/0/message/content").asText();
        }
        StringBuilder text = new StringBuilder();
        response.path("content").forEach(block -> text.append(block.path("text").asText("")));
        return text.toString();
    }

    /** The text of a recorded stream, {@code fixtures/<provider>/<scenario>.response.sse}, deltas joined. */
    static String streamedText(String provider, String scenario) {
        return streamedDeltas(provider, scenario, "text_delta", "text");
    }

    /** The reasoning of a recorded Anthropic stream: its thinking deltas joined. */
    static String streamedThinking(String scenario) {
        return streamedDeltas("anthropic", scenario, "thinking_delta", "thinking");
    }

    private static String streamedDeltas(String provider, String scenario, String anthropicDelta, String field) {
        StringBuilder text = new StringBuilder();
        for (StreamEvent event : SseFixtures.events(provider, scenario + ".response.sse")) {
            if (event.data().equals("[DONE]")) {
                continue;
            }
            JsonNode data = json(event.data());
            // OpenAI: choices[].delta.content; Anthropic: content_block_delta events of the given delta type
            data.path("choices").forEach(choice -> text.append(choice.at("/delta/content").asText("")));
            if (anthropicDelta.equals(data.at("/delta/type").asText())) {
                text.append(data.at("/delta/" + field).asText());
            }
        }
        return text.toString();
    }

    /** Parses JSON text. */
    static JsonNode json(String text) {
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + text, e);
        }
    }
}
