package dev.chatmodels.provider.anthropic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderError.Kind;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.provider.ResponseHeaders;

/**
 * Reads Anthropic errors: {@code {"type": "error", "error": {"type", "message"}, "request_id"}}, as an HTTP error
 * body or as a stream's {@code error} event.
 */
final class AnthropicErrorDecoder {

    static final String PROVIDER = "anthropic";

    private static final String RATE_LIMIT_HEADER = "anthropic-ratelimit-";
    private static final String RESET = "-reset";

    private AnthropicErrorDecoder() {
    }

    static ProviderError decode(int status, Map<String, List<String>> responseHeaders, String body, Clock clock) {
        Map<String, List<String>> headers = responseHeaders == null ? Map.of() : responseHeaders;
        JsonNode root = parseOrNull(body);
        JsonNode error = root == null ? null : root.get("error");
        String type = null;
        String message;
        if (error != null && error.isObject()) {
            type = AnthropicResponseDecoder.text(error, "type");
            message = AnthropicResponseDecoder.text(error, "message");
        } else {
            message = body == null || body.isBlank() ? null : "unexpected error body: " + ProviderError.excerpt(body);
        }
        String requestId = ResponseHeaders.first(headers, "request-id");
        if (requestId == null && root != null) {
            requestId = AnthropicResponseDecoder.text(root, "request_id");
        }
        Kind kind = kind(type, status);
        Duration retryAfter = ResponseHeaders.retryAfter(headers, clock);
        if (retryAfter == null && kind == Kind.RATE_LIMIT) {
            retryAfter = untilRateLimitReset(headers, clock);
        }
        return new ProviderError(PROVIDER, status, kind, type, null, message, requestId, retryAfter);
    }

    /** The error of a stream's {@code error} event, which arrives after an HTTP 200. */
    static ProviderError streamError(JsonNode event) {
        JsonNode error = event.path("error");
        String type = AnthropicResponseDecoder.text(error, "type");
        return new ProviderError(PROVIDER, 200, kind(type, 200), type, null, AnthropicResponseDecoder.text(error, "message"),
                AnthropicResponseDecoder.text(event, "request_id"), null);
    }

    /** The kind of an Anthropic error type; the HTTP status decides for types this version does not know. */
    private static Kind kind(String type, int status) {
        if (type == null) {
            return ProviderError.kindOf(status);
        }
        return switch (type) {
            case "authentication_error" -> Kind.AUTHENTICATION;
            case "permission_error" -> Kind.PERMISSION;
            case "not_found_error" -> Kind.NOT_FOUND;
            case "invalid_request_error", "request_too_large" -> Kind.BAD_REQUEST;
            case "rate_limit_error" -> Kind.RATE_LIMIT;
            case "billing_error" -> Kind.QUOTA;
            case "overloaded_error" -> Kind.OVERLOADED;
            case "api_error", "timeout_error" -> Kind.SERVER;
            default -> ProviderError.kindOf(status);
        };
    }

    /**
     * Without {@code retry-after}, the time until the exhausted limits reset ({@code anthropic-ratelimit-*-reset}, RFC
     * 3339), measured from the server's {@code date} so that clock skew does not matter.
     */
    private static Duration untilRateLimitReset(Map<String, List<String>> headers, Clock clock) {
        Instant now = now(headers, clock);
        return ResponseHeaders.untilRateLimitReset(headers,
                name -> name.startsWith(RATE_LIMIT_HEADER) && name.endsWith(RESET)
                        ? name.substring(0, name.length() - RESET.length()) + "-remaining"
                        : null,
                value -> {
                    Instant reset = instant(value);
                    return reset == null ? null : Duration.between(now, reset);
                });
    }

    private static Instant now(Map<String, List<String>> headers, Clock clock) {
        String date = ResponseHeaders.first(headers, "date");
        if (date != null) {
            try {
                return ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // fall back to the local clock
            }
        }
        return clock.instant();
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
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
