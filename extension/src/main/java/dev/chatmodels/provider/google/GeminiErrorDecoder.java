package dev.chatmodels.provider.google;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderError.Kind;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.provider.ResponseHeaders;

/**
 * Reads Google API errors: {@code {"error": {"code", "message", "status", "details": [...]}}} (sometimes wrapped in an
 * array), as an HTTP error body or as the data of a stream event. The {@code google.rpc.ErrorInfo} detail's
 * {@code reason} (e.g. {@code API_KEY_INVALID}) is the error code; a {@code google.rpc.RetryInfo} detail's
 * {@code retryDelay} is the wait before a retry.
 */
final class GeminiErrorDecoder {

    static final String PROVIDER = "google";

    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

    private GeminiErrorDecoder() {
    }

    static ProviderError decode(int status, Map<String, List<String>> headers, String body, Clock clock) {
        JsonNode error = errorObject(parseOrNull(body));
        if (error == null) {
            String message = body == null || body.isBlank() ? null : "unexpected error body: " + ProviderError.excerpt(body);
            return new ProviderError(PROVIDER, status, ProviderError.kindOf(status), null, null, message, null,
                    ResponseHeaders.retryAfter(headers, clock));
        }
        return fromError(status, error, headers, clock);
    }

    /** The error object of a body that is one ({@code {"error": {...}}} or {@code [{"error": {...}}]}), else {@code null}. */
    static JsonNode errorObject(JsonNode root) {
        JsonNode envelope = root != null && root.isArray() && root.size() == 1 ? root.get(0) : root;
        JsonNode error = envelope == null ? null : envelope.get("error");
        return error != null && error.isObject() ? error : null;
    }

    /** The error a stream event or a 200 answer carries instead of candidates. */
    static ProviderError inAnswer(JsonNode error) {
        return fromError(200, error, Map.of(), Clock.systemUTC());
    }

    private static ProviderError fromError(int httpStatus, JsonNode error, Map<String, List<String>> headers, Clock clock) {
        String status = text(error, "status");
        String reason = null;
        Duration retryDelay = null;
        for (JsonNode detail : error.path("details")) {
            String type = detail.path("@type").asText();
            if (ERROR_INFO.equals(type) && reason == null) {
                reason = text(detail, "reason");
            } else if (RETRY_INFO.equals(type) && retryDelay == null) {
                retryDelay = duration(detail.path("retryDelay").asText(null));
            }
        }
        int code = httpStatus == 200 && error.path("code").canConvertToInt() ? error.path("code").asInt() : httpStatus;
        Duration retryAfter = retryDelay != null ? retryDelay : ResponseHeaders.retryAfter(headers, clock);
        return new ProviderError(PROVIDER, code, kind(status, reason, code), status, reason, text(error, "message"), null,
                retryAfter);
    }

    /** The kind of a {@code google.rpc.Code} status name; the HTTP status decides for names this version does not know. */
    private static Kind kind(String status, String reason, int httpStatus) {
        if ("API_KEY_INVALID".equals(reason) || "API_KEY_EXPIRED".equals(reason)) {
            // Google answers a wrong key with 400 INVALID_ARGUMENT; it is an authentication failure all the same.
            return Kind.AUTHENTICATION;
        }
        if (status == null) {
            return ProviderError.kindOf(httpStatus);
        }
        return switch (status) {
            case "UNAUTHENTICATED" -> Kind.AUTHENTICATION;
            case "PERMISSION_DENIED" -> Kind.PERMISSION;
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> Kind.BAD_REQUEST;
            case "NOT_FOUND" -> Kind.NOT_FOUND;
            case "RESOURCE_EXHAUSTED" -> Kind.RATE_LIMIT;
            case "UNAVAILABLE" -> Kind.OVERLOADED;
            case "INTERNAL", "DEADLINE_EXCEEDED", "UNKNOWN", "ABORTED" -> Kind.SERVER;
            default -> ProviderError.kindOf(httpStatus);
        };
    }

    /** A protobuf JSON duration: seconds with an optional fraction and an {@code s}, e.g. {@code 27s} or {@code 1.5s}. */
    static Duration duration(String value) {
        if (value == null || !value.endsWith("s")) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.substring(0, value.length() - 1).trim());
            return seconds.signum() < 0 ? null : Duration.ofMillis(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode parseOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Jackson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
