package dev.chatmodels.quarkus.deployment.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.usage.UsageCallback;
import dev.chatmodels.usage.UsageMetadata;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A Gemini model meets Google's recorded errors with the same guard as every provider: {@code UNAVAILABLE} is retried,
 * {@code RESOURCE_EXHAUSTED} waits the {@code RetryInfo} delay, a rejected key is not retried, a failing Gemini model
 * falls back to another provider, and usage reaches the callbacks.
 */
class GeminiResilienceTest extends StandInSuite {

    private static final String GENERATE = "/v1/models/gemini-2.5-flash:generateContent";
    private static final String OPENAI = "/v1/chat/completions";
    private static final String ANSWER = "Hello! How can I help you today?";
    /** An upper bound only shows the call did not wait for what it should not; far above the expected times. */
    private static final long BUSY_MACHINE_MAX_MILLIS = 9_000;

    @RegisterExtension
    static final QuarkusUnitTest app = application(GeminiResilienceTest.class,
            Map.of("gemini", "google:gemini-2.5-flash", "fragile", "google:gemini-2.5-flash",
                    "backup", "openai:gpt-4.1-mini"),
            Map.of("max-retries", "2", "retry-backoff", "50ms", "max-retry-delay", "2s", "timeout", "5s"))
            .overrideConfigKey("quarkus.chat-models.fragile.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.fragile.fallbacks", "backup");

    @Inject
    ChatModels models;

    @Test
    void unavailableIsRetried() {
        standIn.enqueue(GENERATE, Reply.fromFixture("gemini", "error_503_unavailable.response.json"), answer());

        assertEquals(ANSWER, models.get("gemini").invoke("Hello!").text());
        assertEquals(2, standIn.requestCount(GENERATE));
    }

    @Test
    void resourceExhaustedWaitsTheRetryInfoDelay() {
        ObjectNode body = Fixtures.json("gemini", "error_429_resource_exhausted.response.json").deepCopy();
        ((ObjectNode) body.get("error")).set("details", RecordedJson.parse(
                "[{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"0.3s\"}]"));
        standIn.enqueue(GENERATE, Reply.json(429, body.toString()), answer());

        long start = System.nanoTime();
        AIMessage answer = models.get("gemini").invoke("Hello!");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(ANSWER, answer.text());
        assertEquals(2, standIn.requestCount(GENERATE));
        assertTrue(millis >= 300 && millis <= BUSY_MACHINE_MAX_MILLIS, "took " + millis + " ms, expected the 0.3 s delay");
    }

    @Test
    void aRejectedKeyIsNotRetried() {
        standIn.enqueue(GENERATE, Reply.fromFixture("gemini", "error_400_api_key_invalid.response.json"));

        AuthenticationException error = assertThrows(AuthenticationException.class,
                () -> models.get("gemini").invoke("Hello!"));

        assertEquals("API_KEY_INVALID", error.errorCode());
        assertEquals(1, standIn.requestCount(GENERATE));
    }

    @Test
    void aFailingGeminiModelFallsBackToAnotherProvider() {
        standIn.enqueue(GENERATE, Reply.fromFixture("gemini", "error_503_unavailable.response.json"));
        standIn.enqueue(OPENAI, Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        AIMessage answer = models.get("fragile").invoke("Hello!");

        assertEquals("backup", answer.responseMetadata().get(ResponseMetadata.CONFIGURED_MODEL));
        assertEquals(1, standIn.requestCount(GENERATE));
        assertEquals(1, standIn.requestCount(OPENAI));
    }

    @Test
    void usageReachesTheCallbacks() {
        standIn.enqueue(GENERATE, answer());
        UsageCallback usage = new UsageCallback();

        models.get("gemini").invoke(List.of(HumanMessage.of("Hello!")), RunConfig.EMPTY.withCallbacks(usage));

        assertEquals(new UsageMetadata(9, 43, 52, null, new UsageMetadata.OutputTokenDetails(null, 34L)), usage.total());
    }

    private static Reply answer() {
        return Reply.fromFixture("gemini", "generate_content_text.response.json");
    }
}
