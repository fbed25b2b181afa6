package dev.chatmodels.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderError.Kind;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.QuotaExceededException;
import dev.chatmodels.error.RateLimitException;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.testing.Fixtures;

/** Error answers, decoded from the recorded (and issue-quoted) error bodies with their status and headers. */
class OpenAiChatErrorTest {

    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    @Test
    void invalidApiKeyIsAnAuthenticationError() {
        ProviderError error = decodeRecorded("openai-chat", "error_401_invalid_api_key");
        assertEquals(401, error.status());
        assertEquals(Kind.AUTHENTICATION, error.kind());
        assertEquals("invalid_request_error", error.type());
        assertEquals("invalid_api_key", error.code());
        assertTrue(error.message().startsWith("Incorrect API key provided: [redacted]."), error.message());
        assertFalse(error.message().contains("F18b"), "the key fragment the provider echoes is removed");
        assertEquals("openai", error.provider());
        assertInstanceOf(AuthenticationException.class, ProviderException.of(error));
    }

    @Test
    void unknownModelIsNotFoundWithTheRequestId() {
        ProviderError error = decodeRecorded("openai-chat", "error_404_model_not_found");
        assertEquals(Kind.NOT_FOUND, error.kind());
        assertEquals("model_not_found", error.code());
        assertEquals("req_9441b7808a504cc8abfc6276fd5c7721", error.requestId());
        assertNull(error.retryAfter());
        ProviderException exception = ProviderException.of(error);
        assertInstanceOf(InvalidRequestException.class, exception);
        assertTrue(exception.getMessage().contains("req_9441b7808a504cc8abfc6276fd5c7721"), exception.getMessage());
    }

    @Test
    void insufficientQuotaIsQuotaNotARateLimit() {
        ProviderError error = decodeRecorded("openai-chat", "error_429_insufficient_quota");
        assertEquals(Kind.QUOTA, error.kind());
        ProviderException exception = ProviderException.of(error);
        assertInstanceOf(QuotaExceededException.class, exception);
        assertFalse(exception.isRetryable(), "retrying does not buy credit");
    }

    @Test
    void rateLimitIsRetryableAfterTheDelayTheHeadersAskFor() {
        Map<String, List<String>> headers = new LinkedHashMap<>(
                recordedHeaders("openai-chat", "error_429_rate_limit_exceeded"));
        headers.put("retry-after", List.of("20"));
        ProviderError error = codec.decodeError(429, headers, body("openai-chat", "error_429_rate_limit_exceeded"));
        assertEquals(Kind.RATE_LIMIT, error.kind());
        assertEquals("tokens", error.type());
        assertEquals("rate_limit_exceeded", error.code());
        assertEquals(Duration.ofSeconds(20), error.retryAfter());
        ProviderException exception = ProviderException.of(error);
        assertInstanceOf(RateLimitException.class, exception);
        assertTrue(exception.isRetryable());

        headers.put("retry-after-ms", List.of("6"));
        assertEquals(Duration.ofMillis(6), codec.decodeError(429, headers, body("openai-chat",
                "error_429_rate_limit_exceeded")).retryAfter(), "retry-after-ms is the more precise header");
    }

    @Test
    void withoutRetryAfterARateLimitWaitsUntilTheLimitResets() {
        String body = body("openai-chat", "error_429_rate_limit_exceeded");
        // The limit headers OpenAI recorded on a 200: nothing exhausted, so the later reset counts.
        Map<String, List<String>> headers = new LinkedHashMap<>(recordedHeaders("openai-chat", "text_nonstream"));
        assertEquals(List.of("6ms"), headers.get("x-ratelimit-reset-requests"));
        assertEquals(Duration.ofMillis(6), codec.decodeError(429, headers, body).retryAfter());

        headers.put("x-ratelimit-remaining-tokens", List.of("0"));
        headers.put("x-ratelimit-reset-tokens", List.of("1m30.5s"));
        headers.put("x-ratelimit-reset-requests", List.of("6m0s"));
        assertEquals(Duration.ofMillis(90_500), codec.decodeError(429, headers, body).retryAfter(),
                "the exhausted limit decides, not the later reset");

        headers.put("retry-after", List.of("2"));
        assertEquals(Duration.ofSeconds(2), codec.decodeError(429, headers, body).retryAfter());
        assertNull(codec.decodeError(429, recordedHeaders("openai-chat", "text_nonstream"),
                body("openai-chat", "error_429_insufficient_quota")).retryAfter(), "no reset brings back quota");
    }

    @Test
    void resetHeadersUseGoDurations() {
        assertEquals(Duration.ofMillis(20), OpenAiErrorDecoder.duration("20ms"));
        assertEquals(Duration.ofMinutes(6), OpenAiErrorDecoder.duration("6m0s"));
        assertEquals(Duration.ofSeconds(3720), OpenAiErrorDecoder.duration("1h2m"));
        assertEquals(Duration.ofNanos(1500), OpenAiErrorDecoder.duration("1.5us"));
        assertEquals(Duration.ZERO, OpenAiErrorDecoder.duration("0s"));
        assertNull(OpenAiErrorDecoder.duration("6m0"));
        assertNull(OpenAiErrorDecoder.duration("soon"));
        assertNull(OpenAiErrorDecoder.duration("X-RATELIMIT-RESET-TOKENS-XXX"));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2025-07-18T12:46:46Z"), ZoneOffset.UTC);
        OpenAiChatCodec timed = new OpenAiChatCodec("openai", clock);
        ProviderError error = timed.decodeError(429, Map.of("retry-after", List.of("Fri, 18 Jul 2025 12:47:16 GMT")),
                body("openai-chat", "error_429_rate_limit_exceeded"));
        assertEquals(Duration.ofSeconds(30), error.retryAfter());
    }

    @Test
    void overloadedModel() {
        ProviderError error = decodeRecorded("openai-chat", "error_503_overloaded");
        assertEquals(Kind.OVERLOADED, error.kind());
        assertEquals("server_error", error.type());
        assertNull(error.code());
        assertInstanceOf(ProviderServerException.class, ProviderException.of(error));
    }

    @Test
    void badRequestsKeepTheirCodeAndNameTheParameter() {
        ProviderError unsupported = decodeRecorded("openai-chat", "error_400_unsupported_parameter");
        assertEquals(Kind.BAD_REQUEST, unsupported.kind());
        assertEquals("unsupported_parameter", unsupported.code());
        assertEquals("Unsupported parameter: 'stop' is not supported with this model.", unsupported.message());
        assertEquals("req_7be4715c3ee32aa406eacb68c7cc966e", unsupported.requestId());

        ProviderError systemRole = decodeRecorded("openai-chat", "error_400_system_role_unsupported");
        assertEquals("unsupported_value", systemRole.code());
        assertTrue(systemRole.message().contains("messages[0].role"), systemRole.message());

        ProviderError webSearch = decodeRecorded("openai-chat", "error_400_web_search_options_unsupported");
        assertNull(webSearch.code());
        assertEquals("Web search options not supported with this model. (parameter web_search_options)",
                webSearch.message());
        assertInstanceOf(InvalidRequestException.class, ProviderException.of(webSearch));
    }

    @Test
    void compatibleProvidersReportUnderTheirOwnName() {
        ProviderError groq = ProviderRegistry.require("groq").codec().get().decodeError(400,
                recordedHeaders("groq", "error_400_tool_use_failed"), body("groq", "error_400_tool_use_failed"));
        assertEquals("groq", groq.provider());
        assertEquals(Kind.BAD_REQUEST, groq.kind());
        assertEquals("tool_use_failed", groq.code());
        assertTrue(groq.message().startsWith("Tool call validation failed"), groq.message());
    }

    @Test
    void openRouterErrorsWithNumericCodes() {
        OpenAiChatCodec openRouter = new OpenAiChatCodec("openrouter");
        ProviderError noAuth = openRouter.decodeError(401, recordedHeaders("openrouter", "error_401_no_auth"),
                body("openrouter", "error_401_no_auth"));
        assertEquals(Kind.AUTHENTICATION, noAuth.kind());
        assertEquals("No cookie auth credentials found", noAuth.message());
        assertEquals("401", noAuth.code());

        ProviderError upstream = openRouter.decodeError(429, recordedHeaders("openrouter", "error_429_upstream_rate_limited"),
                body("openrouter", "error_429_upstream_rate_limited"));
        assertEquals(Kind.RATE_LIMIT, upstream.kind());
        assertTrue(upstream.message().startsWith("Provider returned error: Google: google/gemini-2.0-flash-exp:free is "
                + "temporarily rate-limited upstream"), upstream.message());
    }

    @Test
    void emptyAndNonJsonBodiesSaySo() {
        ProviderError empty = codec.decodeError(502, Map.of(), "");
        assertEquals(Kind.SERVER, empty.kind());
        assertEquals("empty response body", empty.message());
        assertNull(codec.decodeError(502, Map.of(), null).type());

        String html = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>" + "x".repeat(500) + "</body></html>";
        ProviderError proxy = codec.decodeError(502, Map.of("x-request-id", List.of("req_1")), html);
        assertTrue(proxy.message().contains("not an OpenAI error object"), proxy.message());
        assertTrue(proxy.message().contains("<html> <head><title>502 Bad Gateway</title></head>"), proxy.message());
        assertTrue(proxy.message().length() < 300, "only an excerpt of the body: " + proxy.message().length());
        assertEquals("req_1", proxy.requestId());

        ProviderError otherJson = codec.decodeError(500, Map.of(), "{\"detail\": \"Internal error\"}");
        assertTrue(otherJson.message().contains("Internal error"), otherJson.message());
    }

    @Test
    void bareErrorStringAsOllamaSendsIt() {
        ProviderError error = new OpenAiChatCodec("ollama").decodeError(404, Map.of(),
                "{\"error\": \"model 'llama9' not found\"}");
        assertEquals("model 'llama9' not found", error.message());
        assertEquals(Kind.NOT_FOUND, error.kind());
    }

    private ProviderError decodeRecorded(String provider, String scenario) {
        JsonNode meta = Fixtures.json(provider, scenario + ".meta.json");
        return codec.decodeError(meta.get("status").asInt(), recordedHeaders(provider, scenario), body(provider, scenario));
    }

    private static String body(String provider, String scenario) {
        return Fixtures.read(provider, scenario + ".response.json");
    }

    /** The response headers the recording kept, names in lower case as the transport gives them. */
    private static Map<String, List<String>> recordedHeaders(String provider, String scenario) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Fixtures.json(provider, scenario + ".meta.json").path("headers").fields()
                .forEachRemaining(field -> headers.put(field.getKey().toLowerCase(java.util.Locale.ROOT),
                        List.of(field.getValue().asText())));
        return headers;
    }
}
