package dev.chatmodels.testing;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.transport.StreamEvent;

/**
 * What the recorded fixtures answer, read straight from their JSON rather than through the library's codecs: the
 * text and reasoning an application must hand back unchanged.
 */
public final class RecordedAnswers {

    private RecordedAnswers() {
    }

    /** The text of the recorded answer {@code fixtures/<provider>/<scenario>.response.json}. */
    public static String text(String provider, String scenario) {
        JsonNode response = Fixtures.json(provider, scenario + ".response.json");
        if (response.has("choices")) {
            return response.at("/choices/0/message/content").asText();
        }
        if (response.has("candidates")) {
            return geminiText(response);
        }
        StringBuilder text = new StringBuilder();
        response.path("content").forEach(block -> text.append(block.path("text").asText("")));
        return text.toString();
    }

    /**
     * The text of the recorded stream {@code fixtures/<provider>/<scenario>.response.sse}: OpenAI content deltas,
     * Anthropic text deltas or Gemini text parts, joined.
     */
    public static String streamedText(String provider, String scenario) {
        return streamedDeltas(provider, scenario, "text_delta", "text");
    }

    /**
     * The reasoning of the recorded Anthropic stream {@code fixtures/anthropic/<scenario>.response.sse}: its thinking deltas,
     * joined.
     */
    public static String streamedThinking(String scenario) {
        return streamedDeltas("anthropic", scenario, "thinking_delta", "thinking");
    }

    /** The answer text of a Gemini answer or stream event: the first candidate's text parts that are not thoughts. */
    public static String geminiText(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : response.at("/candidates/0/content/parts")) {
            if (!part.path("thought").asBoolean()) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    private static String streamedDeltas(String provider, String scenario, String anthropicDelta, String field) {
        StringBuilder text = new StringBuilder();
        for (StreamEvent event : SseFixtures.events(provider, scenario + ".response.sse")) {
            if (event.data().equals("[DONE]")) {
                continue;
            }
            JsonNode data = RecordedJson.parse(event.data());
            // OpenAI: choices[].delta.content; Anthropic: the content_block_delta events of the given delta type
            data.path("choices").forEach(choice -> text.append(choice.at("/delta/content").asText("")));
            if (data.has("candidates")) {
                text.append(geminiText(data));
            }
            if (anthropicDelta.equals(data.at("/delta/type").asText())) {
                text.append(data.at("/delta/" + field).asText());
            }
        }
        return text.toString();
    }
}
