package dev.chatmodels.provider.openai;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderError.Kind;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.provider.ResponseHeaders;

/**
 * Reads OpenAI error bodies, {@code {"error": {"message", "type", "param", "code"}}}, including the shapes of
 * compatible providers: OpenRouter's numeric {@code code} with upstream details in {@code metadata}, and a bare
 * {@code {"error": "..."}} string.
 */
final class OpenAiErrorDecoder {

    private static final String INSUFFICIENT_QUOTA = "insufficient_quota";
    private static final String RESET_HEADER = "x-ratelimit-reset-";
    private static final String REMAINING_HEADER = "x-ratelimit-remaining-";
    /** One part of a Go duration as OpenAI sends it in reset headers: {@code 6m0s}, {@code 20ms}, {@code 1m30.5s}. */
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private OpenAiErrorDecoder() {
    }

    /** An HTTP error answer: status, headers (names in lower case) and a body that may be empty or not JSON. */
    static ProviderError decode(String provider, int status, Map<String, List<String>> headers, String body,
            Clock clock) {
        JsonNode error = errorNode(body);
        Details details;
        if (error != null) {
            details = details(error);
        } else if (body == null || body.isBlank()) {
            details = new Details("empty response body", null, null);
        } else {
            details = new Details("response body is not an OpenAI error object: " + ProviderError.excerpt(body), null, null);
        }
        Kind kind = kind(status, details);
        Duration retryAfter = ResponseHeaders.retryAfter(headers, clock);
        if (retryAfter == null && kind == Kind.RATE_LIMIT) {
            retryAfter = untilRateLimitReset(headers);
        }
        return new ProviderError(provider, status, kind, details.type(), details.code(), details.message(),
                ResponseHeaders.first(headers, "x-request-id"), retryAfter);
    }

    /**
     * Without {@code retry-after}, the time until the exhausted limit resets: {@code x-ratelimit-reset-requests} /
     * {@code -tokens} say how long until each limit is full again.
     */
    private static Duration untilRateLimitReset(Map<String, List<String>> headers) {
        return ResponseHeaders.untilRateLimitReset(headers,
                name -> name.startsWith(RESET_HEADER) ? REMAINING_HEADER + name.substring(RESET_HEADER.length()) : null,
                OpenAiErrorDecoder::duration);
    }

    /** A Go duration ({@code 1m30.5s}), or {@code null} when the value is not one. */
    static Duration duration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher part = DURATION_PART.matcher(value.trim());
        double nanos = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            nanos += Double.parseDouble(part.group(1)) * switch (part.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            end = part.end();
        }
        return end == 0 || end != value.trim().length() ? null : Duration.ofNanos(Math.round(nanos));
    }

    /**
     * An error object inside a 200 answer or a stream event. Its kind comes from a numeric code (OpenRouter sends the
     * HTTP status there) or from the type and code; anything unknown counts as a server failure.
     */
    static ProviderException inBody(String provider, JsonNode error) {
        Details details = details(error);
        Integer status = details.code() == null ? null : httpStatus(details.code());
        Kind kind;
        if (status != null) {
            kind = kind(status, details);
        } else if (isQuota(details)) {
            kind = Kind.QUOTA;
        } else if ("rate_limit_exceeded".equals(details.code()) || "rate_limit_error".equals(details.type())) {
            kind = Kind.RATE_LIMIT;
        } else if ("invalid_request_error".equals(details.type())) {
            kind = Kind.BAD_REQUEST;
        } else {
            kind = Kind.SERVER;
        }
        return ProviderException.of(new ProviderError(provider, 200, kind, details.type(), details.code(),
                details.message(), null, null));
    }

    /** A stream event whose data is not JSON: the stream is broken, which a retry may fix. */
    static ProviderException invalidEvent(String provider, String data, JsonProcessingException cause) {
        return ProviderException.of(ProviderError.invalidResponse(provider,
                "The stream sent an event that is not JSON (" + cause.getOriginalMessage() + "): "
                        + ProviderError.excerpt(data)));
    }

    private record Details(String message, String type, String code) {
    }

    private static Details details(JsonNode error) {
        if (!error.isObject()) {
            return new Details(error.asText(), null, null);
        }
        StringBuilder message = new StringBuilder(nonNull(OpenAiResponseDecoder.text(error.get("message"))));
        String param = OpenAiResponseDecoder.text(error.get("param"));
        if (param != null && message.indexOf(param) < 0) {
            message.append(" (parameter ").append(param).append(')');
        }
        // OpenRouter says "Provider returned error" and puts what the upstream provider said in metadata.
        JsonNode metadata = error.path("metadata");
        String raw = OpenAiResponseDecoder.text(metadata.get("raw"));
        if (raw != null) {
            String upstream = OpenAiResponseDecoder.text(metadata.get("provider_name"));
            message.append(message.length() == 0 ? "" : ": ").append(upstream == null ? "" : upstream + ": ")
                    .append(raw.strip());
        }
        return new Details(message.toString(), OpenAiResponseDecoder.text(error.get("type")),
                OpenAiResponseDecoder.text(error.get("code")));
    }

    /** The {@code error} member of a JSON body, or {@code null} when the body is not an error object. */
    private static JsonNode errorNode(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode error = Jackson.MAPPER.readTree(body).get("error");
            return error == null || error.isNull() ? null : error;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** 429 means a rate limit, unless the account is out of quota, which no retry fixes. */
    private static Kind kind(int status, Details details) {
        if (status == 429) {
            return isQuota(details) ? Kind.QUOTA : Kind.RATE_LIMIT;
        }
        return ProviderError.kindOf(status);
    }

    private static boolean isQuota(Details details) {
        return INSUFFICIENT_QUOTA.equals(details.code()) || INSUFFICIENT_QUOTA.equals(details.type());
    }

    private static Integer httpStatus(String code) {
        if (code.length() != 3) {
            return null;
        }
        try {
            return Integer.valueOf(code);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
