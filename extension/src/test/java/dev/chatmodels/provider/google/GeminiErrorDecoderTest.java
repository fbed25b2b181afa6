package dev.chatmodels.provider.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderError.Kind;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.RateLimitException;
import dev.chatmodels.testing.RecordedJson;

/** Decoding of recorded Gemini error answers. */
class GeminiErrorDecoderTest {

    private final GeminiCodec codec = GeminiRecordings.codec();

    @Test
    void invalidApiKeyIsAnAuthenticationFailureThoughTheStatusIs400() {
        ProviderError error = decode("error_400_api_key_invalid");

        assertEquals(400, error.status());
        assertEquals(Kind.AUTHENTICATION, error.kind());
        assertEquals("INVALID_ARGUMENT", error.type());
        assertEquals("API_KEY_INVALID", error.code());
        assertEquals("API key not valid. Please pass a valid API key.", error.message());
        assertEquals("google", error.provider());
        assertInstanceOf(AuthenticationException.class, ProviderException.of(error));
    }

    @Test
    void resourceExhaustedIsARateLimit() {
        ProviderError error = decode("error_429_resource_exhausted");

        assertEquals(Kind.RATE_LIMIT, error.kind());
        assertEquals("RESOURCE_EXHAUSTED", error.type());
        assertNull(error.retryAfter(), "the recording has no RetryInfo");
        assertInstanceOf(RateLimitException.class, ProviderException.of(error));
    }

    /** The recorded 429 with the {@code RetryInfo} detail Google adds to quota errors (shape from Google's docs). */
    @Test
    void retryDelayFromRetryInfo() {
        ObjectNode body = GeminiRecordings.response("error_429_resource_exhausted").deepCopy();
        ((ObjectNode) body.get("error")).set("details", RecordedJson.parse("""
                [{"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": []},
                 {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "27.5s"}]"""));

        ProviderError error = codec.decodeError(429, Map.of("retry-after", List.of("3")), body.toString());

        assertEquals(Duration.ofMillis(27_500), error.retryAfter(), "RetryInfo wins over the header");
        assertEquals(Duration.ofSeconds(3),
                decode("error_429_resource_exhausted", Map.of("retry-after", List.of("3"))).retryAfter());
    }

    @Test
    void unavailableIsARetryableServerError() {
        ProviderError error = decode("error_503_unavailable");

        assertEquals(503, error.status());
        assertEquals(Kind.OVERLOADED, error.kind());
        assertEquals("UNAVAILABLE", error.type());
        assertEquals("The model is overloaded. Please try again later.", error.message());
        assertInstanceOf(ProviderServerException.class, ProviderException.of(error));
    }

    @Test
    void errorWrappedInAnArray() {
        String body = "[" + GeminiRecordings.responseText("error_503_unavailable") + "]";

        assertEquals(Kind.OVERLOADED, codec.decodeError(503, Map.of(), body).kind());
    }

    @Test
    void bodyThatIsNotGooglesIsJudgedByItsStatus() {
        ProviderError error = codec.decodeError(502, Map.of(), "<html>Bad Gateway</html>");

        assertEquals(Kind.SERVER, error.kind());
        assertEquals("unexpected error body: <html>Bad Gateway</html>", error.message());
    }

    @Test
    void protobufDurations() {
        assertEquals(Duration.ofSeconds(27), GeminiErrorDecoder.duration("27s"));
        assertEquals(Duration.ofMillis(1_500), GeminiErrorDecoder.duration("1.5s"));
        assertNull(GeminiErrorDecoder.duration("soon"));
        assertNull(GeminiErrorDecoder.duration("-1s"));
    }

    private ProviderError decode(String scenario) {
        return decode(scenario, GeminiRecordings.headers(scenario));
    }

    private ProviderError decode(String scenario, Map<String, List<String>> headers) {
        return codec.decodeError(GeminiRecordings.status(scenario), headers, GeminiRecordings.responseText(scenario));
    }
}
