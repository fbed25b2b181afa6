package dev.chatmodels.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderError.Kind;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.RateLimitException;

/** Decoding of recorded Anthropic error answers. */
class AnthropicErrorDecoderTest {

    /** A local clock far from the recordings' dates, to show the server's {@code date} header is what counts. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final AnthropicCodec codec = new AnthropicCodec(CLOCK);

    @Test
    void invalidRequest() {
        ProviderError error = decode("error_400_invalid_request");

        assertEquals(400, error.status());
        assertEquals(Kind.BAD_REQUEST, error.kind());
        assertEquals("invalid_request_error", error.type());
        assertTrue(error.message().startsWith("This model does not support effort level 'xhigh'."), error.message());
        assertEquals("req_011Ca7jT9AHpgXgdv8igm4z9", error.requestId(), "request id from the body");
        assertEquals("anthropic", error.provider());
        assertInstanceOf(InvalidRequestException.class, ProviderException.of(error));
    }

    @Test
    void authentication() {
        ProviderError error = decode("error_401_authentication");

        assertEquals(Kind.AUTHENTICATION, error.kind());
        assertEquals("authentication_error", error.type());
        assertEquals("invalid x-api-key", error.message());
        assertNull(error.requestId());
        assertInstanceOf(AuthenticationException.class, ProviderException.of(error));
    }

    @Test
    void notFound() {
        ProviderError error = decode("error_404_not_found");

        assertEquals(Kind.NOT_FOUND, error.kind());
        assertEquals("model: claude-does-not-exist", error.message());
        assertEquals("req_011CVEA3SF7rnb3DuBZytqQa", error.requestId());
    }

    @Test
    void rateLimit() {
        ProviderError error = decode("error_429_rate_limit");

        assertEquals(Kind.RATE_LIMIT, error.kind());
        assertEquals("req_011CcR9r7znh7DZb3RdjMUHy", error.requestId());
        assertNull(error.retryAfter(), "no retry-after and no reset headers");
        assertInstanceOf(RateLimitException.class, ProviderException.of(error));
    }

    @Test
    void rateLimitWithRetryAfterAndRequestIdHeaders() {
        ProviderError error = decode("error_429_rate_limit_with_headers");

        assertEquals(Kind.RATE_LIMIT, error.kind());
        assertEquals(Duration.ofSeconds(4), error.retryAfter());
        assertEquals("req_....", error.requestId(), "request id from the request-id header");
        ProviderException exception = ProviderException.of(error);
        assertTrue(exception.getMessage().contains("rate_limit_error"), exception.getMessage());
        assertTrue(exception.isRetryable());
    }

    @Test
    void rateLimitResetHeadersWhenThereIsNoRetryAfter() {
        Map<String, List<String>> headers = AnthropicRecordings.headers("error_429_rate_limit_with_headers");
        headers.remove("retry-after");
        ProviderError error = codec.decodeError(429, headers,
                AnthropicRecordings.responseText("error_429_rate_limit_with_headers"));

        // The input-token limit is the exhausted one: it resets at 13:32:11, 61 s after the server's date.
        assertEquals(Duration.ofSeconds(61), error.retryAfter());
    }

    @Test
    void rateLimitResetAgainstTheLocalClockWithoutADateHeader() {
        Map<String, List<String>> headers = Map.of(
                "anthropic-ratelimit-requests-remaining", List.of("0"),
                "anthropic-ratelimit-requests-reset", List.of("2030-01-01T00:00:30Z"),
                "anthropic-ratelimit-tokens-remaining", List.of("5000"),
                "anthropic-ratelimit-tokens-reset", List.of("2030-01-01T00:05:00Z"));
        ProviderError error = codec.decodeError(429, headers,
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}");

        assertEquals(Duration.ofSeconds(30), error.retryAfter());
    }

    @Test
    void resetHeadersDoNotDelayOtherErrors() {
        Map<String, List<String>> headers = AnthropicRecordings.headers("error_429_rate_limit_with_headers");
        headers.remove("retry-after");
        ProviderError error = codec.decodeError(529, headers, AnthropicRecordings.responseText("error_529_overloaded"));

        assertNull(error.retryAfter());
    }

    @Test
    void overloaded() {
        ProviderError error = decode("error_529_overloaded");

        assertEquals(529, error.status());
        assertEquals(Kind.OVERLOADED, error.kind());
        assertEquals("overloaded_error", error.type());
        assertEquals("Overloaded", error.message());
        assertInstanceOf(ProviderServerException.class, ProviderException.of(error));
    }

    @Test
    void apiErrorIsAServerError() {
        ProviderError error = codec.decodeError(500, Map.of("request-id", List.of("req_9")),
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}");

        assertEquals(Kind.SERVER, error.kind());
        assertEquals("req_9", error.requestId());
    }

    @Test
    void bodyThatIsNotJsonGivesAnExcerpt() {
        String html = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>" + "x".repeat(500) + "</body></html>";
        ProviderError error = codec.decodeError(502, Map.of(), html);

        assertEquals(Kind.SERVER, error.kind());
        assertNull(error.type());
        assertTrue(error.message().contains("<html> <head><title>502 Bad Gateway</title></head>"), error.message());
        assertTrue(error.message().length() < 300, "only an excerpt: " + error.message().length());
    }

    @Test
    void emptyBodyFallsBackOnTheStatus() {
        ProviderError error = codec.decodeError(403, null, "");

        assertEquals(Kind.PERMISSION, error.kind());
        assertNull(error.message());
        assertTrue(ProviderException.of(error).getMessage().contains("HTTP 403"));
    }

    private ProviderError decode(String scenario) {
        return codec.decodeError(AnthropicRecordings.status(scenario), AnthropicRecordings.headers(scenario),
                AnthropicRecordings.responseText(scenario));
    }
}
