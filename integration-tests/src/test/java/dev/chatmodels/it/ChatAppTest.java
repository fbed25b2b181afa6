package dev.chatmodels.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.RecordedRequest;
import dev.chatmodels.testing.Reply;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * What the tests of the app share: the provider stand-in, emptied before each test, and calls of the app's endpoints.
 * Subclasses are {@code @QuarkusTest}s with {@link ProviderStandInResource}; their {@code *IT} subclasses run the same
 * tests against the packaged app.
 */
abstract class ChatAppTest {

    static final String OPENAI = "/v1/chat/completions";
    static final String ANTHROPIC = "/v1/messages";

    @StandIn
    ProviderStandIn standIn;

    @BeforeEach
    void forgetEarlierCalls() {
        standIn.reset();
    }

    /** The next calls to {@code path} answer with the recorded fixtures, in order: status, headers and body. */
    void replay(String path, String provider, String... fixtureFiles) {
        for (String file : fixtureFiles) {
            standIn.enqueue(path, Reply.fromFixture(provider, file));
        }
    }

    /** Checks an answer of the app against its recording: text, usage, model name, finish reason and response id. */
    static void assertAnswer(JsonPath answer, String text, long inputTokens, long outputTokens, String modelName,
            String finishReason, String id) {
        assertEquals(text, answer.getString("text"));
        assertUsage(answer, "usage", inputTokens, outputTokens, inputTokens + outputTokens);
        assertEquals(modelName, answer.getString("modelName"));
        assertEquals(finishReason, answer.getString("finishReason"));
        assertEquals(id, answer.getString("id"));
    }

    /** Checks the token counts of the usage at {@code path}. */
    static void assertUsage(JsonPath json, String path, long input, long output, long total) {
        assertEquals(input, json.getLong(path + ".inputTokens"), path + " input tokens");
        assertEquals(output, json.getLong(path + ".outputTokens"), path + " output tokens");
        assertEquals(total, json.getLong(path + ".totalTokens"), path + " total tokens");
    }

    /** The one request the stand-in received since the test began. */
    RecordedRequest onlyRequest() {
        List<RecordedRequest> requests = standIn.requests();
        assertEquals(1, requests.size(), "requests the stand-in received");
        assertEquals("POST", requests.get(0).method());
        return requests.get(0);
    }

    /** Posts {@code prompt} as text to one of the app's endpoints. */
    static Response postPrompt(String endpoint, String prompt) {
        return given().contentType(ContentType.TEXT).body(prompt).post(endpoint);
    }
}
