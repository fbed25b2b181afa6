package dev.chatmodels.quarkus.deployment.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.CircuitOpenException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.ProviderTimeoutException;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.deployment.StandInConfigSource;
import dev.chatmodels.quarkus.runtime.ModelName;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.Reply;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * The GenAI client metrics of calls to the OpenAI and Anthropic stand-ins, read from the Prometheus scrape an operator
 * gets: every series of a metric has the same label keys (Prometheus refuses anything else), histograms publish
 * buckets, and no label holds prompt text or a key. Each test calls its own configured model, so its series are its
 * own whatever the order of the tests.
 */
class MetricsTest {

    private static final String KEY = "sk-test-metrics-0123456789";
    private static final String PROMPT = "What is the secret recipe?";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(StandInConfigSource.class, PrometheusText.class)
                    .addAsServiceProvider(ConfigSource.class, StandInConfigSource.class))
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-micrometer-registry-prometheus-deployment",
                    Version.getVersion())))
            .overrideConfigKey("quarkus.chat-models.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.api-key", KEY)
            .overrideConfigKey("quarkus.chat-models.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.claude.model", "anthropic:claude-haiku-4-5")
            .overrideConfigKey("quarkus.chat-models.claude.api-key", KEY)
            .overrideConfigKey("quarkus.chat-models.claude.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.streamer.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.streamer.api-key", KEY)
            .overrideConfigKey("quarkus.chat-models.streamer.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.failing.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.failing.api-key", KEY)
            .overrideConfigKey("quarkus.chat-models.failing.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.retried.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.retried.api-key", KEY)
            .overrideConfigKey("quarkus.chat-models.retried.max-retries", "1")
            .overrideConfigKey("quarkus.chat-models.retried.retry-backoff", "1ms")
            .overrideConfigKey("quarkus.chat-models.retried.max-retry-delay", "1ms")
            .overrideConfigKey("quarkus.chat-models.guarded.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.guarded.api-key", KEY)
            .overrideConfigKey("quarkus.chat-models.guarded.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.guarded.rate-limit.requests-per-second", "1000")
            .overrideConfigKey("quarkus.chat-models.guarded.rate-limit.check-every", "1ms")
            .overrideConfigKey("quarkus.chat-models.guarded.circuit-breaker.enabled", "true")
            .overrideConfigKey("quarkus.chat-models.guarded.circuit-breaker.request-volume-threshold", "2")
            .overrideConfigKey("quarkus.chat-models.guarded.circuit-breaker.failure-ratio", "1")
            // open stays open for the whole test
            .overrideConfigKey("quarkus.chat-models.guarded.circuit-breaker.delay", "1h")
            .overrideRuntimeConfigKey("quarkus.chat-models.guarded.base-url", "${stand-in.url}/v1")
            .overrideConfigKey("quarkus.chat-models.slow.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.slow.api-key", KEY)
            .overrideConfigKey("quarkus.chat-models.slow.max-retries", "1")
            .overrideConfigKey("quarkus.chat-models.slow.retry-backoff", "1ms")
            .overrideConfigKey("quarkus.chat-models.slow.max-retry-delay", "1ms")
            // long enough for any answer of the stand-in on a busy machine, far shorter than its stalled one
            .overrideConfigKey("quarkus.chat-models.slow.timeout", "5s")
            .overrideRuntimeConfigKey("quarkus.chat-models.slow.base-url", "${stand-in.url}/v1")
            .overrideRuntimeConfigKey("quarkus.chat-models.base-url", "${stand-in.url}/v1")
            .overrideRuntimeConfigKey("quarkus.chat-models.claude.base-url", "${stand-in.url}/anthropic/v1")
            .overrideRuntimeConfigKey("quarkus.chat-models.streamer.base-url", "${stand-in.url}/v1")
            .overrideRuntimeConfigKey("quarkus.chat-models.failing.base-url", "${stand-in.url}/v1")
            .overrideRuntimeConfigKey("quarkus.chat-models.retried.base-url", "${stand-in.url}/v1");

    private static final String DURATION = "gen_ai_client_operation_duration_seconds";
    private static final String TOKENS = "gen_ai_client_token_usage";

    @Inject
    ChatModel openAi;

    @Inject
    @ModelName("claude")
    ChatModel claude;

    @Inject
    @ModelName("streamer")
    ChatModel streamer;

    @Inject
    @ModelName("failing")
    ChatModel failing;

    @Inject
    @ModelName("retried")
    ChatModel retried;

    @Inject
    @ModelName("guarded")
    ChatModel guarded;

    @Inject
    @ModelName("slow")
    ChatModel slow;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    private final ProviderStandIn standIn = StandInConfigSource.standIn();

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @AfterAll
    static void stopStandIn() {
        StandInConfigSource.stop();
    }

    @Test
    void openAiCallHasDurationAndTokensWithTheConventionsTags() throws Exception {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        openAi.invoke(PROMPT);

        PrometheusText scrape = scrape();
        Map<String, String> call = Map.of("chat_models_model", "default", "gen_ai_operation_name", "chat",
                "gen_ai_provider_name", "openai", "gen_ai_request_model", "gpt-4.1-mini", "gen_ai_response_model",
                "gpt-4o-2024-08-06");
        assertEquals(1, scrape.value(DURATION + "_count", with(call, "error_type", "none")));
        // the conventions' bucket boundaries: Prometheus users get percentiles
        assertEquals(1, scrape.value(DURATION + "_bucket", with(with(call, "error_type", "none"), "le", "+Inf")));
        assertEquals(15, scrape.samples(DURATION + "_bucket", with(call, "error_type", "none")).size());
        assertEquals(13, scrape.value(TOKENS + "_sum", with(call, "gen_ai_token_type", "input")));
        assertEquals(29, scrape.value(TOKENS + "_sum", with(call, "gen_ai_token_type", "output")));
        assertEquals(1, scrape.value(TOKENS + "_count", with(call, "gen_ai_token_type", "output")));
        assertEquals(1, scrape.value(TOKENS + "_bucket", with(with(call, "gen_ai_token_type", "output"), "le", "64.0")));
        assertEquals(0, scrape.value(TOKENS + "_bucket", with(with(call, "gen_ai_token_type", "output"), "le", "16.0")));
        assertFalse(scrape.text().contains(PROMPT));
        assertFalse(scrape.text().contains(KEY));
    }

    @Test
    void anthropicInputTokensIncludeCacheReads() throws Exception {
        standIn.enqueue("/anthropic/v1/messages", Reply.fromFixture("anthropic", "cache_read_nonstream.response.json"));

        claude.invoke(PROMPT);

        PrometheusText scrape = scrape();
        Map<String, String> call = Map.of("chat_models_model", "claude", "gen_ai_provider_name", "anthropic",
                "gen_ai_request_model", "claude-haiku-4-5", "gen_ai_response_model", "claude-sonnet-4-5-20250929");
        assertEquals(1, scrape.value(DURATION + "_count", with(call, "error_type", "none")));
        // 3 uncached + 1217 read from the cache + 0 written to it
        assertEquals(1220, scrape.value(TOKENS + "_sum", with(call, "gen_ai_token_type", "input")));
        assertEquals(1217, scrape.value(TOKENS + "_sum", with(call, "gen_ai_token_type", "cache_read")));
        assertEquals(0, scrape.value(TOKENS + "_sum", with(call, "gen_ai_token_type", "cache_creation")));
        assertEquals(5, scrape.value(TOKENS + "_sum", with(call, "gen_ai_token_type", "output")));
    }

    @Test
    void streamHasTimeToFirstChunk() throws Exception {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_stream_include_usage.response.sse"));

        streamer.stream(PROMPT).collect().asList().await().atMost(Duration.ofSeconds(30));

        PrometheusText scrape = scrape();
        Map<String, String> call = Map.of("chat_models_model", "streamer", "error_type", "none");
        assertEquals(1, scrape.value(DURATION + "_count", call));
        assertEquals(1, scrape.value("gen_ai_client_operation_time_to_first_chunk_seconds_count", call));
        assertEquals(1, scrape.samples(TOKENS + "_count", Map.of("chat_models_model", "streamer",
                "gen_ai_token_type", "output")).size());
    }

    @Test
    void failedCallHasItsErrorTypeAndTheSameLabelKeys() throws Exception {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "error_401_invalid_api_key.response.json"));

        assertThrows(AuthenticationException.class, () -> failing.invoke(PROMPT));

        PrometheusText scrape = scrape();
        assertEquals(1, scrape.value(DURATION + "_count", Map.of("chat_models_model", "failing", "error_type",
                AuthenticationException.class.getName(), "gen_ai_response_model", "none")));
        assertTrue(scrape.samples(TOKENS + "_count", Map.of("chat_models_model", "failing")).isEmpty());
        Set<Set<String>> labelKeys = scrape.samples(DURATION + "_count").stream()
                .map(sample -> sample.labels().keySet()).collect(Collectors.toSet());
        assertEquals(1, labelKeys.size(), "label keys of every duration series: " + labelKeys);
    }

    @Test
    void retriedCallCountsItsRetryAndOneCall() throws Exception {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "error_503_overloaded.response.json"),
                Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        retried.invoke(PROMPT);

        assertEquals(2, standIn.requestCount("/v1/chat/completions"));
        PrometheusText scrape = scrape();
        Map<String, String> model = Map.of("chat_models_model", "retried");
        assertEquals(1, scrape.value("chat_models_client_retries_total", model));
        assertEquals("dev.chatmodels.error.ProviderServerException",
                scrape.samples("chat_models_client_retries_total", model).get(0).labels().get("error_type"));
        assertEquals(1, scrape.value(DURATION + "_count", with(model, "error_type", "none")));
    }

    @Test
    void retryAfterATimeoutCountsTheTimeout() throws Exception {
        standIn.enqueue("/v1/chat/completions",
                Reply.fromFixture("openai-chat", "text_nonstream.response.json").delayFirstByte(Duration.ofMinutes(5)),
                Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        slow.invoke(PROMPT);

        PrometheusText scrape = scrape();
        assertEquals(1, scrape.value("chat_models_client_retries_total", Map.of("chat_models_model", "slow",
                "error_type", ProviderTimeoutException.class.getName())));
    }

    @Test
    void rateLimiterWaitsAndCircuitBreakerStateAreMeasured() throws Exception {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "error_503_overloaded.response.json"),
                Reply.fromFixture("openai-chat", "error_503_overloaded.response.json"));
        Map<String, String> model = Map.of("chat_models_model", "guarded");

        assertThrows(ProviderServerException.class, () -> guarded.invoke(PROMPT));
        PrometheusText closed = scrape();
        assertEquals(1, closed.value("chat_models_client_circuit_breaker_state", with(model, "state", "closed")));
        assertEquals(0, closed.value("chat_models_client_circuit_breaker_state", with(model, "state", "open")));
        assertEquals(0, closed.value("chat_models_client_circuit_breaker_state", with(model, "state", "half_open")));
        assertThrows(ProviderServerException.class, () -> guarded.invoke(PROMPT));
        assertThrows(CircuitOpenException.class, () -> guarded.invoke(PROMPT));

        PrometheusText open = scrape();
        assertEquals(0, open.value("chat_models_client_circuit_breaker_state", with(model, "state", "closed")));
        assertEquals(1, open.value("chat_models_client_circuit_breaker_state", with(model, "state", "open")));
        assertEquals(3, open.value("chat_models_client_rate_limiter_wait_seconds_count", model));
        assertEquals(2, standIn.requestCount("/v1/chat/completions"));
        assertEquals(1, open.value(DURATION + "_count", with(model, "error_type", CircuitOpenException.class.getName())));
    }

    private PrometheusText scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return new PrometheusText(response.body());
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(key, value);
        return all;
    }
}
