package dev.chatmodels.quarkus.deployment.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderConnectionException;
import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.ProviderTimeoutException;
import dev.chatmodels.error.QuotaExceededException;
import dev.chatmodels.error.RateLimitException;
import dev.chatmodels.error.StreamInterruptedException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.Reply;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Every fault of the list in the resilience issue, injected by the provider stand-in at the socket level and met by the
 * configured models with their real transport, guard, circuit breaker and fallbacks. For each: how many attempts the
 * stand-in saw, what the caller gets, how long it took, and for streams the exact text the caller received.
 */
class FaultInjectionTest extends StandInSuite {

    private static final String OPENAI = "/v1/chat/completions";
    private static final String ANTHROPIC = "/v1/messages";
    private static final String STREAM = Fixtures.read("openai-chat", "text_stream_include_usage.response.sse");
    private static final String STREAM_TEXT = "The capital of the UK is London.";
    /** The text of the stream's first four events: the role-only delta, "The", " capital", " of". */
    private static final String FIRST_FOUR_EVENTS_TEXT = "The capital of";
    private static final String ANSWER_TEXT = "Hello! I'm just a program, so I don't have feelings, but I'm here and ready "
            + "to help you. How can I assist you today?";

    /**
     * Upper bounds on a call's duration only show that it did not wait for what it should not wait for (a 30 s
     * retry-after, a first byte that comes after {@link #NEVER_IN_TIME}); they are far above the expected times, so a
     * busy machine cannot break them. Request counts prove the rest.
     */
    private static final long BUSY_MACHINE_MAX_MILLIS = 9_000;
    /** A delay no attempt waits for: the timeout is 1.5 s. */
    private static final Duration NEVER_IN_TIME = Duration.ofSeconds(12);

    /**
     * Small timeouts and backoffs keep the suite fast; the ratios between them are what matter. The timeouts still
     * leave a loopback answer on a busy machine far more time than it needs.
     */
    @RegisterExtension
    static final QuarkusUnitTest app = application(FaultInjectionTest.class,
            Map.of("openai", "openai:gpt-4.1-mini", "claude", "anthropic:claude-haiku-4-5",
                    "primary", "openai:gpt-4.1-mini", "backup", "anthropic:claude-haiku-4-5",
                    "fragile", "openai:gpt-4.1-mini"),
            Map.of("max-retries", "2", "retry-backoff", "50ms", "max-retry-delay", "400ms", "timeout", "1500ms",
                    "stream-idle-timeout", "1s"))
            .overrideConfigKey("quarkus.chat-models.primary.max-retries", "1")
            .overrideConfigKey("quarkus.chat-models.primary.fallbacks", "backup")
            .overrideConfigKey("quarkus.chat-models.fragile.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.fragile.fallbacks", "backup")
            .overrideConfigKey("quarkus.chat-models.fragile.circuit-breaker.enabled", "true")
            .overrideConfigKey("quarkus.chat-models.fragile.circuit-breaker.request-volume-threshold", "4")
            .overrideConfigKey("quarkus.chat-models.fragile.circuit-breaker.failure-ratio", "0.5")
            .overrideConfigKey("quarkus.chat-models.fragile.circuit-breaker.delay", "10s");

    @Inject
    ChatModels models;

    private static boolean warmedUp;

    /**
     * One answered call of each model first: the first call of a fresh application loads classes and opens the first
     * connections, which on a busy machine can take longer than a timeout and would pass for a fault.
     */
    @BeforeEach
    void warmUp() {
        if (!warmedUp) {
            standIn.enqueue(OPENAI, answer());
            standIn.enqueue(ANTHROPIC, Reply.fromFixture("anthropic", "text_nonstream.response.json"));
            List.of("openai", "primary").forEach(name -> models.get(name).invoke("warm-up"));
            List.of("claude", "backup").forEach(name -> models.get(name).invoke("warm-up"));
            standIn.reset();
            warmedUp = true;
        }
    }

    // ---- invoke ----

    @Test
    void rateLimitWithRetryAfterIsRetriedAfterTheDelayTheProviderAskedFor() {
        standIn.enqueue(OPENAI, rateLimited().header("retry-after-ms", "250"), answer());

        Timed<AIMessage> call = invoke("openai");

        assertEquals(ANSWER_TEXT, call.result().text());
        assertEquals(2, standIn.requestCount(OPENAI));
        call.assertTookBetween(250, BUSY_MACHINE_MAX_MILLIS);
    }

    @Test
    void aRetryAfterLongerThanTheMaximumWaitsTheMaximum() {
        standIn.enqueue(OPENAI, rateLimited().header("retry-after", "30"), answer());

        Timed<AIMessage> call = invoke("openai");

        assertEquals(ANSWER_TEXT, call.result().text());
        assertEquals(2, standIn.requestCount(OPENAI));
        call.assertTookBetween(400, BUSY_MACHINE_MAX_MILLIS);
    }

    @Test
    void aRateLimitThatLastsFailsAfterAllRetries() {
        standIn.enqueue(OPENAI, rateLimited());

        RateLimitException error = invokeFailing("openai", RateLimitException.class);

        assertEquals(3, standIn.requestCount(OPENAI), "the call and its two retries");
        assertTrue(error.getMessage().startsWith("openai returned HTTP 429 "), error.getMessage());
        assertEquals(429, error.status());
    }

    @Test
    void anExhaustedQuotaIsNeverRetried() {
        standIn.enqueue(OPENAI, Reply.fromFixture("openai-chat", "error_429_insufficient_quota.response.json")
                .header("retry-after", "1"));

        QuotaExceededException error = invokeFailing("openai", QuotaExceededException.class);

        assertEquals(1, standIn.requestCount(OPENAI));
        assertEquals("insufficient_quota", error.errorCode());
        assertTrue(error.getMessage().contains("You exceeded your current quota"), error.getMessage());
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        for (int status : List.of(500, 502, 503)) {
            standIn.reset();
            standIn.enqueue(OPENAI, serverError(status), serverError(status), answer());

            Timed<AIMessage> call = invoke("openai");

            assertEquals(ANSWER_TEXT, call.result().text(), "after two HTTP " + status);
            assertEquals(3, standIn.requestCount(OPENAI), "HTTP " + status);
            // backoff 50 ms then 100 ms, each jittered down by at most a quarter
            call.assertTookBetween(112, BUSY_MACHINE_MAX_MILLIS);
        }
    }

    @Test
    void anthropicOverloadedIsRetried() {
        standIn.enqueue(ANTHROPIC, Reply.fromFixture("anthropic", "error_529_overloaded.response.json"),
                Reply.fromFixture("anthropic", "text_nonstream.response.json"));

        AIMessage answer = invoke("claude").result();

        assertEquals("Hello! It's nice to meet you. How are you doing today?", answer.text());
        assertEquals(2, standIn.requestCount(ANTHROPIC));
    }

    @Test
    void aServerErrorThatLastsFailsAfterAllRetriesWithTheProvidersMessage() {
        standIn.enqueue(ANTHROPIC, Reply.fromFixture("anthropic", "error_529_overloaded.response.json"));

        ProviderServerException error = invokeFailing("claude", ProviderServerException.class);

        assertEquals(3, standIn.requestCount(ANTHROPIC));
        assertEquals(529, error.status());
        assertTrue(error.getMessage().contains("Overloaded"), error.getMessage());
    }

    @Test
    void clientErrorsAreNeverRetried() {
        standIn.enqueue(OPENAI, Reply.fromFixture("openai-chat", "error_400_unsupported_parameter.response.json"));
        invokeFailing("openai", InvalidRequestException.class);
        assertEquals(1, standIn.requestCount(OPENAI));

        standIn.reset();
        standIn.enqueue(OPENAI, Reply.fromFixture("openai-chat", "error_401_invalid_api_key.response.json"));
        AuthenticationException unauthorized = invokeFailing("openai", AuthenticationException.class);
        assertEquals(1, standIn.requestCount(OPENAI));
        assertTrue(!unauthorized.getMessage().contains("sk-stand-in-test"), "the API key is never shown");

        standIn.reset();
        standIn.enqueue(OPENAI, Reply.fromFixture("openai-chat", "error_404_model_not_found.response.json"));
        invokeFailing("openai", InvalidRequestException.class);
        assertEquals(1, standIn.requestCount(OPENAI));
    }

    @Test
    void aConnectionResetBeforeTheAnswerIsRetried() {
        standIn.enqueue(OPENAI, Reply.resetBeforeResponse(), answer());

        assertEquals(ANSWER_TEXT, invoke("openai").result().text());
        assertEquals(2, standIn.requestCount(OPENAI));
    }

    @Test
    void connectionResetsThatLastFailAsConnectionFailures() {
        standIn.enqueue(OPENAI, Reply.resetBeforeResponse());

        ProviderConnectionException error = invokeFailing("openai", ProviderConnectionException.class);

        assertEquals(3, standIn.requestCount(OPENAI));
        assertTrue(error.getMessage().startsWith("Could not complete the call to openai model gpt-4.1-mini"),
                error.getMessage());
    }

    @Test
    void malformedJsonIsRetried() {
        standIn.enqueue(OPENAI, Reply.malformedJson(), answer());

        assertEquals(ANSWER_TEXT, invoke("openai").result().text());
        assertEquals(2, standIn.requestCount(OPENAI));
    }

    @Test
    void malformedJsonThatLastsFailsWithWhatWasWrong() {
        standIn.enqueue(OPENAI, Reply.malformedJson());

        ProviderException error = invokeFailing("openai", ProviderException.class);

        assertEquals(3, standIn.requestCount(OPENAI));
        assertTrue(error.getMessage().contains("not valid JSON"), error.getMessage());
    }

    @Test
    void jsonOfTheWrongShapeIsAnInvalidResponseNotAnEmptyAnswer() {
        record Case(String model, String path, Reply reply) {
        }
        List<Case> cases = new ArrayList<>();
        for (String body : List.of("", "{}", "null", "[]", "{\"choices\": null}", "{\"choices\": []}",
                "{\"choices\": \"none\"}", "{\"choices\": [{\"index\": 0, \"message\": 5}]}")) {
            cases.add(new Case("openai", OPENAI, Reply.json(200, body)));
        }
        cases.add(new Case("openai", OPENAI, Reply.json(204, "")));
        cases.add(new Case("claude", ANTHROPIC, Reply.json(200, "{\"type\": \"message\", \"content\": null}")));
        for (Case c : cases) {
            standIn.reset();
            standIn.enqueue(c.path, c.reply);

            ProviderServerException error = invokeFailing(c.model, ProviderServerException.class);

            assertEquals(ProviderError.INVALID_RESPONSE, error.errorType(), c.toString());
            assertEquals(3, standIn.requestCount(c.path), "retried like any invalid answer: " + c);
        }
    }

    @Test
    void aSlowFirstByteBeyondTheTimeoutIsAbandonedAndRetried() {
        standIn.enqueue(OPENAI, answer().delayFirstByte(NEVER_IN_TIME), answer());

        Timed<AIMessage> call = invoke("openai");

        assertEquals(ANSWER_TEXT, call.result().text());
        assertEquals(2, standIn.requestCount(OPENAI));
        call.assertTookBetween(1500, BUSY_MACHINE_MAX_MILLIS);
    }

    @Test
    void aProviderThatNeverAnswersInTimeFailsWithATimeout() {
        standIn.enqueue(OPENAI, answer().delayFirstByte(NEVER_IN_TIME));

        Timed<ProviderTimeoutException> call = timed(() -> invokeFailing("openai", ProviderTimeoutException.class));

        assertEquals(3, standIn.requestCount(OPENAI));
        assertEquals("The chat model 'openai' did not answer within 1500 ms (timeout)", call.result().getMessage());
        // three attempts of 1500 ms, 50 and 100 ms of backoff (jittered down by at most a quarter)
        call.assertTookBetween(4600, BUSY_MACHINE_MAX_MILLIS);
    }

    @Test
    void aCancelledCallIsNotRetried() throws InterruptedException {
        standIn.enqueue(OPENAI, answer().delayFirstByte(NEVER_IN_TIME));
        Cancellable call = models.get("openai").invokeAsync("What is the capital of the UK?").subscribe()
                .with(answer -> {
                }, failure -> {
                });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (standIn.requestCount(OPENAI) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        call.cancel();
        // past the 1.5 s timeout of the abandoned attempt and the backoff before a retry
        Thread.sleep(2000);

        assertEquals(1, standIn.requestCount(OPENAI), "the caller gave up: no timeout, no retry");
    }

    // ---- streams ----

    @Test
    void aStreamRateLimitedBeforeItStartsIsRetried() {
        standIn.enqueue(OPENAI, rateLimited().header("retry-after-ms", "100"), Reply.sse(STREAM));

        Streamed stream = stream("openai");

        stream.assertCompletedWith(STREAM_TEXT);
        assertEquals(2, standIn.requestCount(OPENAI));
    }

    @Test
    void aStreamResetBeforeItsFirstEventIsRetried() {
        standIn.enqueue(OPENAI, Reply.resetBeforeResponse(), Reply.sseThenReset(STREAM, 0), Reply.sse(STREAM));

        Streamed stream = stream("openai");

        stream.assertCompletedWith(STREAM_TEXT);
        assertEquals(3, standIn.requestCount(OPENAI));
    }

    @Test
    void aStreamResetMidwayEndsWithWhatWasReceivedAndIsNotRetried() {
        standIn.enqueue(OPENAI, Reply.sseThenReset(STREAM, 4), Reply.sse(STREAM));

        Streamed stream = stream("openai");

        StreamInterruptedException error = stream.assertInterruptedAfter(FIRST_FOUR_EVENTS_TEXT);
        assertInstanceOf(ProviderConnectionException.class, error.getCause());
        assertEquals(1, standIn.requestCount(OPENAI), "text already delivered is never asked for again");
    }

    @Test
    void aStreamThatStallsMidwayFailsAfterTheIdleTimeout() {
        standIn.enqueue(OPENAI, Reply.sseThenStall(STREAM, 4), Reply.sse(STREAM));

        Streamed stream = stream("openai");

        StreamInterruptedException error = stream.assertInterruptedAfter(FIRST_FOUR_EVENTS_TEXT);
        assertInstanceOf(ProviderTimeoutException.class, error.getCause());
        assertEquals("The chat model 'openai' stream sent nothing for 1000 ms (stream-idle-timeout)",
                error.getCause().getMessage());
        assertEquals(1, standIn.requestCount(OPENAI));
        stream.assertTookBetween(1000, BUSY_MACHINE_MAX_MILLIS);
    }

    @Test
    void aStreamThatStallsBeforeItsFirstChunkIsRetried() {
        standIn.enqueue(OPENAI, Reply.sseThenStall(STREAM, 0), Reply.sse(STREAM));

        Streamed stream = stream("openai");

        stream.assertCompletedWith(STREAM_TEXT);
        assertEquals(2, standIn.requestCount(OPENAI));
        stream.assertTookBetween(1500, BUSY_MACHINE_MAX_MILLIS);
    }

    @Test
    void aStreamCutInTheMiddleOfAnEventIsNotTakenForTheWholeAnswer() {
        standIn.enqueue(OPENAI, Reply.truncatedSse(STREAM, 4), Reply.sse(STREAM));

        Streamed stream = stream("openai");

        StreamInterruptedException error = stream.assertInterruptedAfter(FIRST_FOUR_EVENTS_TEXT);
        ProviderServerException incomplete = assertInstanceOf(ProviderServerException.class, error.getCause());
        assertEquals(ProviderError.INCOMPLETE_RESPONSE, incomplete.errorType());
        assertEquals(1, standIn.requestCount(OPENAI));
    }

    @Test
    void aStreamWithASlowFirstByteIsAbandonedAndRetried() {
        standIn.enqueue(OPENAI, Reply.sse(STREAM).delayFirstByte(NEVER_IN_TIME), Reply.sse(STREAM));

        Streamed stream = stream("openai");

        stream.assertCompletedWith(STREAM_TEXT);
        assertEquals(2, standIn.requestCount(OPENAI));
        stream.assertTookBetween(1500, BUSY_MACHINE_MAX_MILLIS);
    }

    // ---- fallbacks and circuit breaker ----

    @Test
    void theFallbackAnswersWhenThePrimaryStillFailsAfterItsRetries() {
        standIn.enqueue(OPENAI, serverError(503));
        standIn.enqueue(ANTHROPIC, Reply.fromFixture("anthropic", "text_nonstream.response.json"));

        AIMessage answer = invoke("primary").result();

        assertEquals("Hello! It's nice to meet you. How are you doing today?", answer.text());
        assertEquals("backup", answer.responseMetadata().get(ResponseMetadata.CONFIGURED_MODEL));
        assertEquals("anthropic", answer.responseMetadata().get(ResponseMetadata.MODEL_PROVIDER));
        assertEquals(2, standIn.requestCount(OPENAI), "the primary's call and its one retry");
        assertEquals(1, standIn.requestCount(ANTHROPIC));
    }

    @Test
    void aStreamFallsBackBeforeItsFirstChunk() {
        standIn.enqueue(OPENAI, serverError(502));
        standIn.enqueue(ANTHROPIC, Reply.fromFixture("anthropic", "text_stream_cache_read.response.sse"));

        Streamed stream = stream("primary");

        stream.assertCompletedWith("Hello");
        assertEquals("backup", stream.total().responseMetadata().get(ResponseMetadata.CONFIGURED_MODEL));
        assertEquals(2, standIn.requestCount(OPENAI));
    }

    @Test
    void theFallbackDoesNotAnswerForErrorsOfTheCallersMaking() {
        standIn.enqueue(OPENAI, Reply.fromFixture("openai-chat", "error_429_insufficient_quota.response.json"));
        standIn.enqueue(ANTHROPIC, Reply.fromFixture("anthropic", "text_nonstream.response.json"));

        invokeFailing("primary", QuotaExceededException.class);

        assertEquals(0, standIn.requestCount(ANTHROPIC));
    }

    @Test
    void anOpenCircuitFailsFastAndFallsBack() {
        standIn.enqueue(OPENAI, serverError(500));
        standIn.enqueue(ANTHROPIC, Reply.fromFixture("anthropic", "text_nonstream.response.json"));
        ChatModel fragile = models.get("fragile");

        for (int call = 0; call < 4; call++) {
            assertEquals("backup", fragile.invoke("hi").responseMetadata().get(ResponseMetadata.CONFIGURED_MODEL));
        }
        assertEquals(4, standIn.requestCount(OPENAI));

        Timed<AIMessage> whileOpen = timed(() -> fragile.invoke("hi"));

        assertEquals("backup", whileOpen.result().responseMetadata().get(ResponseMetadata.CONFIGURED_MODEL));
        assertEquals(4, standIn.requestCount(OPENAI), "the open circuit keeps calls away from the failing provider");
        assertEquals(5, standIn.requestCount(ANTHROPIC));
    }

    // ---- helpers ----

    private static Reply answer() {
        return Reply.fromFixture("openai-chat", "text_nonstream.response.json");
    }

    private static Reply rateLimited() {
        return Reply.fromFixture("openai-chat", "error_429_rate_limit_exceeded.response.json");
    }

    private static Reply serverError(int status) {
        return Reply.json(status, "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    }

    private Timed<AIMessage> invoke(String model) {
        ChatModel chat = models.get(model);
        return timed(() -> chat.invoke("What is the capital of the UK?"));
    }

    private <E extends Throwable> E invokeFailing(String model, Class<E> type) {
        ChatModel chat = models.get(model);
        return assertThrows(type, () -> chat.invoke("What is the capital of the UK?"));
    }

    private Streamed stream(String model) {
        List<AIMessageChunk> received = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            models.get(model).stream("What is the capital of the UK?").invoke(received::add)
                    .collect().asList().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            failure = e;
        }
        return new Streamed(received, failure, (System.nanoTime() - start) / 1_000_000);
    }

    private static <T> Timed<T> timed(java.util.function.Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        return new Timed<>(result, (System.nanoTime() - start) / 1_000_000);
    }

    private record Timed<T>(T result, long millis) {
        void assertTookBetween(long min, long max) {
            assertTrue(millis >= min && millis <= max, "took " + millis + " ms, expected " + min + ".." + max + " ms");
        }
    }

    private record Streamed(List<AIMessageChunk> chunks, Throwable failure, long millis) {

        AIMessageChunk total() {
            return AIMessageChunk.sum(chunks);
        }

        void assertCompletedWith(String text) {
            if (failure != null) {
                throw new AssertionError("The stream failed after receiving '" + total().text() + "'", failure);
            }
            assertEquals(text, total().text(), "the caller got each piece of text exactly once");
        }

        StreamInterruptedException assertInterruptedAfter(String text) {
            StreamInterruptedException interrupted = assertInstanceOf(StreamInterruptedException.class, failure);
            assertEquals(text, total().text(), "the caller got the text before the fault, once");
            assertEquals(text, interrupted.received().text(), "the error carries what the caller received");
            assertTrue(interrupted.getMessage().startsWith("openai stream failed after "), interrupted.getMessage());
            return interrupted;
        }

        void assertTookBetween(long min, long max) {
            assertTrue(millis >= min && millis <= max, "took " + millis + " ms, expected " + min + ".." + max + " ms");
        }
    }
}
