package dev.chatmodels.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads the response headers codecs care about when decoding errors. Header names are in lower case. */
public final class ResponseHeaders {

    private ResponseHeaders() {
    }

    /** The first value of a header, or {@code null}. */
    public static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers == null ? null : headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The delay the server asked for before a retry: {@code retry-after-ms} (milliseconds, sent by OpenAI) wins over
     * {@code retry-after} (seconds, or an HTTP date measured against {@code clock}); {@code null} when neither is there
     * or readable. A date in the past means no delay.
     */
    public static Duration retryAfter(Map<String, List<String>> headers, Clock clock) {
        Duration millis = number(first(headers, "retry-after-ms"), 1);
        if (millis != null) {
            return millis;
        }
        String value = first(headers, "retry-after");
        if (value == null) {
            return null;
        }
        Duration seconds = number(value, 1000);
        if (seconds != null) {
            return seconds;
        }
        try {
            Duration untilDate = Duration.between(clock.instant(),
                    ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return untilDate.isNegative() ? Duration.ZERO : untilDate;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@link #retryAfter(Map, Clock)} against the system clock. */
    public static Duration retryAfter(Map<String, List<String>> headers) {
        return retryAfter(headers, Clock.systemUTC());
    }

    /**
     * The wait until the exhausted rate limits reset, for providers that report each limit in a reset header and a
     * remaining header. The longest wait among the limits with nothing remaining wins; when no limit says it is
     * exhausted, the longest wait of all. {@code null} when no reset header is there or readable.
     *
     * @param remainingHeader the name of the remaining header that goes with a header name, or {@code null} when that
     *        header is not a reset header
     * @param delay the wait a reset header's value stands for, {@code null} when it is unreadable
     */
    public static Duration untilRateLimitReset(Map<String, List<String>> headers, Function<String, String> remainingHeader,
            Function<String, Duration> delay) {
        if (headers == null) {
            return null;
        }
        Duration longestExhausted = null;
        Duration longest = null;
        for (String name : headers.keySet()) {
            String remaining = remainingHeader.apply(name);
            Duration wait = remaining == null ? null : delay.apply(first(headers, name));
            if (wait == null) {
                continue;
            }
            wait = wait.isNegative() ? Duration.ZERO : wait;
            if ("0".equals(first(headers, remaining))) {
                longestExhausted = longer(longestExhausted, wait);
            }
            longest = longer(longest, wait);
        }
        return longestExhausted != null ? longestExhausted : longest;
    }

    private static Duration longer(Duration current, Duration candidate) {
        return current == null || candidate.compareTo(current) > 0 ? candidate : current;
    }

    private static Duration number(String value, long millisPerUnit) {
        if (value == null) {
            return null;
        }
        try {
            double amount = Double.parseDouble(value.trim());
            return amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount) ? null
                    : Duration.ofMillis(Math.round(amount * millisPerUnit));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
