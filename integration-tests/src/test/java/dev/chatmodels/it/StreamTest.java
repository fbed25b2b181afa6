package dev.chatmodels.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.testing.SseFixtures;
import dev.chatmodels.transport.StreamEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Streaming end to end: the stand-in replays a recorded SSE stream to the model, and the app relays the chunks to its
 * own client as server-sent events.
 */
@QuarkusTest
@WithTestResource(ProviderStandInResource.class)
class StreamTest extends ChatAppTest {

    /** The usage of each recording: OpenAI's final usage chunk; Anthropic's message_start input plus cache reads. */
    @ParameterizedTest(name = "{1}/{2}")
    @CsvSource({
            "default, openai-chat, text_stream_include_usage,   78,   9",
            "default, openai-chat, text_stream_include_usage_2, 168,  137",
            "claude,  anthropic,   text_stream_cache_read,      1220, 4",
            "claude,  anthropic,   thinking_stream,             43,   282"
    })
    void relaysTheChunksAsServerSentEvents(String model, String provider, String scenario, long inputTokens,
            long outputTokens) {
        replay(model.equals("claude") ? ANTHROPIC : OPENAI, provider, scenario + ".response.sse");

        String body = given().contentType(ContentType.TEXT).accept("text/event-stream").body("Hi")
                .post("/chat/" + model + "/stream")
                .then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();

        List<StreamEvent> events = SseFixtures.parse(body);
        assertTrue(events.size() > 1, "the answer arrives as several events, got " + events.size());
        StringBuilder text = new StringBuilder();
        long input = 0;
        long output = 0;
        for (StreamEvent event : events) {
            JsonNode chunk = Recordings.json(event.data());
            text.append(chunk.path("text").asText());
            input += chunk.at("/usage/inputTokens").asLong();
            output += chunk.at("/usage/outputTokens").asLong();
        }
        assertEquals(Recordings.streamedText(provider, scenario), text.toString());
        assertEquals(inputTokens, input, "input tokens summed over the chunks");
        assertEquals(outputTokens, output, "output tokens summed over the chunks");
    }

    @Test
    void addsUpAnAnthropicStreamWithThinking() {
        replay(ANTHROPIC, "anthropic", "thinking_stream.response.sse");

        JsonPath answer = postPrompt("/chat/claude/stream/collected", "How do I cross the street?").then().statusCode(200)
                .extract().jsonPath();

        assertEquals(Recordings.streamedText("anthropic", "thinking_stream"), answer.getString("text"));
        assertEquals(Recordings.streamedThinking("thinking_stream"), answer.getString("reasoning"));
        assertEquals(43, answer.getInt("usage.inputTokens"));
        assertEquals(282, answer.getInt("usage.outputTokens"));
        assertEquals(325, answer.getInt("usage.totalTokens"));
        assertEquals("claude-sonnet-4-20250514", answer.getString("modelName"));
        assertEquals("end_turn", answer.getString("finishReason"));
        assertEquals("msg_01ALwQ87pTS7hH1PjSdC9wJD", answer.getString("id"));

        JsonNode request = standIn.requests().get(0).json();
        assertTrue(request.path("stream").asBoolean(), "the model asked Anthropic for a stream");
    }

    @Test
    void addsUpAnOpenAiStreamWithItsUsageChunk() {
        replay(OPENAI, "openai-chat", "text_stream_include_usage.response.sse");

        JsonPath answer = postPrompt("/chat/default/stream/collected", "What is the capital of the UK?").then()
                .statusCode(200).extract().jsonPath();

        assertEquals("The capital of the UK is London.", answer.getString("text"));
        assertEquals(78, answer.getInt("usage.inputTokens"));
        assertEquals(9, answer.getInt("usage.outputTokens"));
        assertEquals(87, answer.getInt("usage.totalTokens"));
        assertEquals("gpt-4o-mini-2024-07-18", answer.getString("modelName"));
        assertEquals("stop", answer.getString("finishReason"));

        JsonNode request = standIn.requests().get(0).json();
        assertTrue(request.path("stream").asBoolean(), "the model asked OpenAI for a stream");
        assertTrue(request.at("/stream_options/include_usage").asBoolean(), "and for the usage chunk at its end");
    }
}
