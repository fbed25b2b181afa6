package dev.chatmodels.functions.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.CircuitOpenException;
import dev.chatmodels.error.ProviderConnectionException;
import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderTimeoutException;
import dev.chatmodels.error.StreamInterruptedException;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.testing.Fixtures;

/** Provider failures, decoded by the real codecs from recorded error answers, as the client sees them. */
class FailureMappingTest {

    @Test
    void keepsRateLimitsAs429WithTheProvidersRetryAfter() {
        ApiError error = map("anthropic", "error_429_rate_limit_with_headers");

        assertEquals(429, error.status());
        assertEquals(ApiError.RATE_LIMIT, error.type());
        assertEquals("4", error.headers().get("retry-after"));
        assertEquals("4000", error.headers().get("retry-after-ms"));
        assertTrue(error.message().contains("'fast'"), error.message());
    }

    @Test
    void tellsAnExhaustedQuotaFromARateLimit() {
        ApiError error = map("openai-chat", "error_429_insufficient_quota");

        assertEquals(429, error.status());
        assertEquals("insufficient_quota", error.code());
        assertTrue(error.headers().isEmpty());
    }

    @Test
    void hidesTheProvidersCredentialErrorBehindA502() {
        ApiError error = map("openai-chat", "error_401_invalid_api_key");

        assertEquals(502, error.status());
        assertEquals("provider_authentication_failed", error.code());
        // The provider's message quotes part of the key.
        assertFalse(error.message().contains("XdwS"), error.message());
        assertFalse(error.toJson().toString().contains("sk-"), error.toJson().toString());
    }

    @Test
    void passesTheProvidersRejectionOfTheRequestOnAs400() {
        ApiError error = map("openai-chat", "error_400_unsupported_parameter");

        assertEquals(400, error.status());
        assertEquals(ApiError.INVALID_REQUEST, error.type());
        assertEquals("unsupported_parameter", error.code());
        assertTrue(error.message().contains("'stop' is not supported with this model"), error.message());
    }

    @Test
    void reportsAModelTheProviderDoesNotKnowAsMisconfiguration() {
        ApiError error = map("anthropic", "error_404_not_found");

        assertEquals(502, error.status());
        assertEquals("provider_model_not_found", error.code());
    }

    @Test
    void mapsOverloadedAndFailingProvidersTo503And502() {
        assertEquals(503, map("anthropic", "error_529_overloaded").status());
        assertEquals(503, map("openai-chat", "error_503_overloaded").status());
        assertEquals(502, FailureMapping.toApiError(ProviderException.of(ProviderRegistry.require("openai").codec().get()
                .decodeError(500, Map.of(), "{\"error\": {\"message\": \"boom\", \"type\": \"server_error\"}}")), "m")
                .status());
    }

    @Test
    void mapsConnectionFailuresWithoutTheProvidersAddress() {
        ApiError unreachable = FailureMapping.toApiError(new ProviderConnectionException(
                "Could not complete the call to openai model gpt-4o: ConnectException 10.0.0.7:443", null), "m");
        assertEquals(502, unreachable.status());
        assertFalse(unreachable.message().contains("10.0.0.7"), unreachable.message());
        assertEquals(504, FailureMapping.toApiError(new ProviderTimeoutException("no answer in 60s"), "m").status());
        assertEquals(503, FailureMapping.toApiError(new CircuitOpenException("open", null), "m").status());
    }

    @Test
    void tellsAMalformedAnswerAndAnAnswerEndedEarlyFromAnUnreachableProvider() {
        ApiError invalid = FailureMapping.toApiError(ProviderException.of(ProviderError.invalidResponse("openai",
                "The answer is malformed: choices is a string, not a non-empty array; secret body")), "m");
        assertEquals(502, invalid.status());
        assertEquals("provider_invalid_response", invalid.code());
        assertEquals("The provider of model 'm' sent a malformed answer: retry later.", invalid.message());

        ApiError incomplete = FailureMapping.toApiError(new StreamInterruptedException("stream failed",
                AIMessageChunk.empty(), ProviderException.of(ProviderError.incompleteResponse("openai",
                        "model gpt-4o ended its stream before the final event"))),
                "m");
        assertEquals(502, incomplete.status());
        assertEquals("provider_incomplete_response", incomplete.code());
        assertEquals("The provider of model 'm' ended its answer early: retry later.", incomplete.message());

        ApiError unreachable = FailureMapping.toApiError(new ProviderConnectionException("refused", null), "m");
        assertEquals("provider_unreachable", unreachable.code());
    }

    @Test
    void mapsAnInterruptedStreamByItsCause() {
        ProviderException overloaded = decode("anthropic", "error_529_overloaded");
        ApiError error = FailureMapping.toApiError(
                new StreamInterruptedException("stream failed", AIMessageChunk.empty(), overloaded), "m");
        assertEquals(503, error.status());
    }

    @Test
    void neverShowsTheDetailsOfAnUnexpectedFailure() {
        ApiError error = FailureMapping.toApiError(new NullPointerException("secret internals"), "m");
        assertEquals(500, error.status());
        assertFalse(error.message().contains("secret internals"));
    }

    private static ApiError map(String provider, String scenario) {
        return FailureMapping.toApiError(decode(provider, scenario), "fast");
    }

    private static ProviderException decode(String provider, String scenario) {
        JsonNode meta = Fixtures.json(provider, scenario + ".meta.json");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        meta.path("headers").fields()
                .forEachRemaining(h -> headers.put(h.getKey().toLowerCase(), List.of(h.getValue().asText())));
        String codec = provider.equals("openai-chat") ? "openai" : provider;
        return ProviderException.of(ProviderRegistry.require(codec).codec().get()
                .decodeError(meta.get("status").asInt(), headers, Fixtures.read(provider, scenario + ".response.json")));
    }
}
