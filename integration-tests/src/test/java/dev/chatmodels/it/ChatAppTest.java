package dev.chatmodels.it;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.BeforeEach;

import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.Reply;
import io.restassured.http.ContentType;
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

    /** Posts {@code prompt} as text to one of the app's endpoints. */
    static Response postPrompt(String endpoint, String prompt) {
        return given().contentType(ContentType.TEXT).body(prompt).post(endpoint);
    }
}
