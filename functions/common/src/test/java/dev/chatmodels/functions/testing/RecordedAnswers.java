package dev.chatmodels.functions.testing;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.SseFixtures;
import dev.chatmodels.transport.StreamEvent;

/** What the recorded fixtures answer, read straight from their JSON (not through the library's codecs). */
public final class RecordedAnswers {

    private RecordedAnswers() {
    }

    /** The text of a recorded answer, read straight from the fixture. */
    public static String text(String provider, String scenario) {
        JsonNode response = Fixtures.json(provider, scenario + ".response.json");
        if (response.has("choices")) {
            return response.at("/choices/0/message/content").asText();
        }
        StringBuilder text = new StringBuilder();
        response.path("content").forEach(block -> text.append(block.path("text").asText("")));
        return text.toString();
    }

    /** The text of a recorded stream, read straight from the fixture: OpenAI content or Anthropic text deltas. */
    public static String streamedText(String provider, String scenario) {
        StringBuilder text = new StringBuilder();
        for (StreamEvent event : SseFixtures.events(provider, scenario + ".response.sse")) {
            if (event.data().equals("[DONE]")) {
                continue;
            }
            JsonNode data = SseBody.json(event.data());
            data.path("choices").forEach(choice -> text.append(choice.at("/delta/content").asText("")));
            if ("text_delta".equals(data.at("/delta/type").asText())) {
                text.append(data.at("/delta/text").asText());
            }
        }
        return text.toString();
    }
}
