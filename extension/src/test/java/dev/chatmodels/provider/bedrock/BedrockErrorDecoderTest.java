package dev.chatmodels.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;

/** Bedrock HTTP errors: status, {@code x-amzn-errortype} and the {@code message} body. */
class BedrockErrorDecoderTest {

    private final BedrockCodec codec = new BedrockCodec();

    @Test
    void recordedInvalidModelIsAnInvalidRequest() {
        ProviderError error = codec.decodeError(400, Map.of(), BedrockRecordings.responseText("error_400_invalid_model"));

        assertEquals(ProviderError.Kind.BAD_REQUEST, error.kind());
        assertEquals("The provided model identifier is invalid.", error.message());
        assertInstanceOf(InvalidRequestException.class, ProviderException.of(error));
    }

    @Test
    void recordedStreamRequestRejectedBeforeStreaming() {
        ProviderError error = codec.decodeError(400, Map.of("x-amzn-errortype", List.of("ValidationException")),
                BedrockRecordings.responseText("error_400_converse_stream"));

        assertEquals("ValidationException", error.type());
        assertEquals("The provided model identifier is invalid.", error.message());
        assertInstanceOf(InvalidRequestException.class, ProviderException.of(error));
    }

    @ParameterizedTest
    @CsvSource({
            "429, ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/, RATE_LIMIT",
            "400, ValidationException, BAD_REQUEST",
            "503, ServiceUnavailableException, OVERLOADED",
            "429, ModelNotReadyException, SERVER",
            "408, ModelTimeoutException, SERVER",
            "500, InternalServerException, SERVER",
            "403, AccessDeniedException, PERMISSION",
            "403, UnrecognizedClientException, AUTHENTICATION",
            "403, InvalidSignatureException, AUTHENTICATION",
            "403, ExpiredTokenException, AUTHENTICATION",
            "404, ResourceNotFoundException, NOT_FOUND",
            "400, ServiceQuotaExceededException, QUOTA",
            "502, SomethingNewException, SERVER" })
    void errorTypeHeaderDecidesTheKind(int status, String errorType, ProviderError.Kind kind) {
        ProviderError error = codec.decodeError(status,
                Map.of("x-amzn-errortype", List.of(errorType), "x-amzn-requestid", List.of("req-1")),
                "{\"message\":\"details\"}");

        assertEquals(kind, error.kind());
        assertEquals("req-1", error.requestId());
        assertEquals("details", error.message());
    }

    @Test
    void signatureErrorIsAnAuthenticationError() {
        ProviderError error = codec.decodeError(403, Map.of("x-amzn-errortype", List.of("InvalidSignatureException")),
                "{\"Message\":\"The request signature we calculated does not match the signature you provided.\"}");

        assertInstanceOf(AuthenticationException.class, ProviderException.of(error));
        assertEquals("The request signature we calculated does not match the signature you provided.", error.message());
    }

    @Test
    void retryAfterHeaderIsKept() {
        ProviderError error = codec.decodeError(429,
                Map.of("x-amzn-errortype", List.of("ThrottlingException"), "retry-after", List.of("3")), "");

        assertEquals(Duration.ofSeconds(3), error.retryAfter());
        assertNull(error.message());
    }

    @Test
    void bodyThatIsNotJsonIsQuoted() {
        ProviderError error = codec.decodeError(502, Map.of(), "<html>Bad gateway</html>");

        assertEquals(ProviderError.Kind.SERVER, error.kind());
        assertEquals("unexpected error body: <html>Bad gateway</html>", error.message());
    }
}
