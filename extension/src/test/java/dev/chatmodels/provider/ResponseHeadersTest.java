package dev.chatmodels.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ResponseHeadersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-13T22:23:30Z"), ZoneOffset.UTC);

    @Test
    void retryAfterInSecondsMillisecondsOrAsADate() {
        assertEquals(Duration.ofSeconds(7), retryAfter(Map.of("retry-after", List.of("7"))));
        assertEquals(Duration.ofMillis(1500), retryAfter(Map.of("retry-after", List.of("1.5"))));
        assertEquals(Duration.ofMillis(250), retryAfter(Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("1"))));
        assertEquals(Duration.ofSeconds(90), retryAfter(Map.of("retry-after", List.of("Mon, 13 Oct 2025 22:25:00 GMT"))));
        assertEquals(Duration.ZERO, retryAfter(Map.of("retry-after", List.of("Mon, 13 Oct 2025 22:00:00 GMT"))));
    }

    @Test
    void missingOrUnreadableRetryAfterIsNull() {
        assertNull(retryAfter(Map.of()));
        assertNull(retryAfter(null));
        assertNull(retryAfter(Map.of("retry-after", List.of("soon"))));
        assertNull(retryAfter(Map.of("retry-after", List.of("-3"))));
        assertNull(retryAfter(Map.of("retry-after", List.of())));
    }

    @Test
    void firstValueOfAHeader() {
        assertEquals("req_1", ResponseHeaders.first(Map.of("x-request-id", List.of("req_1", "req_2")), "x-request-id"));
        assertNull(ResponseHeaders.first(Map.of(), "x-request-id"));
    }

    private static Duration retryAfter(Map<String, List<String>> headers) {
        return ResponseHeaders.retryAfter(headers, CLOCK);
    }
}
