package dev.chatmodels.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.testing.RecordedAnswers;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.testing.SseFixtures;
import dev.chatmodels.transport.StreamEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
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
            JsonNode chunk = RecordedJson.parse(event.data());
            text.append(chunk.path("text").asText());
            input += chunk.at("/usage/inputTokens").asLong();
            output += chunk.at("/usage/outputTokens").asLong();
        }
        assertEquals(RecordedAnswers.streamedText(provider, scenario), text.toString());
        assertEquals(inputTokens, input, "input tokens summed over the chunks");
        assertEquals(outputTokens, output, "output tokens summed over the chunks");
    }

    /** The app sends each event as the provider's arrives: with 60 ms between recorded events, so do its own. */
    @Test
    void relaysEachChunkAsItArrives() throws Exception {
        standIn.enqueue(OPENAI, Reply.fromFixture("openai-chat", "text_stream_include_usage.response.sse")
                .eventDelay(Duration.ofMillis(60)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/chat/default/stream"))
                .header("Content-Type", "text/plain").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("Hi"))
                .build();

        List<Long> arrivals = new ArrayList<>();
        // a stream that never ends must fail this test, not hang the build
        HttpResponse<Stream<String>> response = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            HttpResponse<Stream<String>> answer = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = answer.body()) {
                lines.filter(line -> line.startsWith("data:")).forEach(line -> arrivals.add(System.nanoTime()));
            }
            return answer;
        });

        assertEquals(200, response.statusCode());
        assertTrue(arrivals.size() > 5, "events relayed: " + arrivals.size());
        long spreadMillis = Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0)).toMillis();
        // 11 recorded gaps of 60 ms: a relay that buffered the answer would send every event at once
        assertTrue(spreadMillis >= 400, "events arrived within " + spreadMillis + " ms of each other");
    }

    @Test
    void addsUpAnAnthropicStreamWithThinking() {
        replay(ANTHROPIC, "anthropic", "thinking_stream.response.sse");

        JsonPath answer = postPrompt("/chat/claude/stream/collected", "How do I cross the street?").then().statusCode(200)
                .extract().jsonPath();

        assertAnswer(answer, RecordedAnswers.streamedText("anthropic", "thinking_stream"), 43, 282, "claude-sonnet-4-20250514",
                "stop", "msg_01ALwQ87pTS7hH1PjSdC9wJD");
        assertEquals("end_turn", answer.getString("metadata.provider_finish_reason"));
        assertEquals(RecordedAnswers.streamedThinking("thinking_stream"), answer.getString("reasoning"));

        JsonNode request = standIn.requests().get(0).json();
        assertTrue(request.path("stream").asBoolean(), "the model asked Anthropic for a stream");
    }

    @Test
    void addsUpAnOpenAiStreamWithItsUsageChunk() {
        replay(OPENAI, "openai-chat", "text_stream_include_usage.response.sse");

        JsonPath answer = postPrompt("/chat/default/stream/collected", "What is the capital of the UK?").then()
                .statusCode(200).extract().jsonPath();

        assertAnswer(answer, "The capital of the UK is London.", 78, 9, "gpt-4o-mini-2024-07-18", "stop",
                "chatcmpl-Dx0Xq5Xx9rHB2ehcHZCRDsnuymUXc");

        JsonNode request = standIn.requests().get(0).json();
        assertTrue(request.path("stream").asBoolean(), "the model asked OpenAI for a stream");
        assertTrue(request.at("/stream_options/include_usage").asBoolean(), "and for the usage chunk at its end");
    }
}
