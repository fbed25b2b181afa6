package dev.chatmodels.provider.bedrock;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderError.Kind;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.provider.ResponseHeaders;

/**
 * Reads Bedrock errors: the exception type in the {@code x-amzn-errortype} header (or a stream's exception frame) and
 * {@code {"message": ...}} as the body.
 */
final class BedrockErrorDecoder {

    static final String PROVIDER = "bedrock";

    private BedrockErrorDecoder() {
    }

    static ProviderError decode(int status, Map<String, List<String>> responseHeaders, String body, Clock clock) {
        Map<String, List<String>> headers = responseHeaders == null ? Map.of() : responseHeaders;
        String type = exceptionType(ResponseHeaders.first(headers, "x-amzn-errortype"));
        JsonNode root = parseOrNull(body);
        String message;
        if (root != null && (root.has("message") || root.has("Message"))) {
            message = BedrockResponseDecoder.text(root, root.has("message") ? "message" : "Message");
        } else {
            message = body == null || body.isBlank() ? null : "unexpected error body: " + ProviderError.excerpt(body);
        }
        return new ProviderError(PROVIDER, status, kind(type, status), type, null, message,
                ResponseHeaders.first(headers, "x-amzn-requestid"), ResponseHeaders.retryAfter(headers, clock));
    }

    /**
     * The error of a stream's exception frame, which arrives after an HTTP 200: {@code type} is the frame's
     * {@code :exception-type} (e.g. {@code throttlingException}), {@code payload} its {@code {"message": ...}}.
     */
    static ProviderError streamError(String type, JsonNode payload) {
        String exception = exceptionType(type);
        return new ProviderError(PROVIDER, 200, kind(exception, 200), exception, null, BedrockResponseDecoder.text(payload,
                "message"), null, null);
    }

    /** Whether a stream event is an exception frame: Bedrock's stream exceptions are all named {@code ...Exception}. */
    static boolean isException(String eventType) {
        return eventType != null && eventType.endsWith("Exception");
    }

    /**
     * The exception type with a capital first letter, as the header spells it ({@code ThrottlingException}); the header
     * may add a namespace after a colon, which is dropped.
     */
    private static String exceptionType(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String type = value.strip();
        int colon = type.indexOf(':');
        type = colon < 0 ? type : type.substring(0, colon);
        return type.isEmpty() ? null : Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }

    /** The kind of a Bedrock exception type; the HTTP status decides for types this version does not know. */
    private static Kind kind(String type, int status) {
        if (type == null) {
            return ProviderError.kindOf(status);
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "unrecognizedclientexception", "invalidsignatureexception", "incompletesignatureexception",
                    "missingauthenticationtokenexception", "expiredtokenexception" ->
                Kind.AUTHENTICATION;
            case "accessdeniedexception" -> Kind.PERMISSION;
            case "validationexception" -> Kind.BAD_REQUEST;
            case "resourcenotfoundexception" -> Kind.NOT_FOUND;
            case "throttlingexception" -> Kind.RATE_LIMIT;
            case "servicequotaexceededexception" -> Kind.QUOTA;
            case "serviceunavailableexception" -> Kind.OVERLOADED;
            // a model still loading or failing on this request: the next attempt may succeed
            case "modelnotreadyexception", "modeltimeoutexception", "modelerrorexception", "modelstreamerrorexception",
                    "internalserverexception" ->
                Kind.SERVER;
            default -> ProviderError.kindOf(status);
        };
    }

    private static JsonNode parseOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = Jackson.MAPPER.readTree(body);
            return root != null && root.isObject() ? root : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
