package dev.chatmodels.quarkus.runtime.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.chatmodels.error.ProviderConnectionException;
import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;

class RetryDelayTest {

    private static final ProviderConnectionException RESET = new ProviderConnectionException("reset", null);

    private static ProviderException rateLimited(Duration retryAfter) {
        return ProviderException.of(new ProviderError("openai", 429, ProviderError.Kind.RATE_LIMIT, "rate_limit_exceeded",
                null, "slow down", null, retryAfter));
    }

    @Test
    void doublesTheBackoffAtEachRetryWithJitterOfAtMostAQuarter() {
        for (int run = 0; run < 50; run++) {
            RetryDelay delay = new RetryDelay(Duration.ofMillis(400), Duration.ofSeconds(30));
            assertBetween(300, 400, delay.nextDelayInMillis(RESET));
            assertBetween(600, 800, delay.nextDelayInMillis(RESET));
            assertBetween(1200, 1600, delay.nextDelayInMillis(RESET));
        }
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        RetryDelay delay = new RetryDelay(Duration.ofMillis(400), Duration.ofMillis(1000));
        for (int retry = 0; retry < 100; retry++) {
            assertBetween(0, 1000, delay.nextDelayInMillis(RESET));
        }
    }

    @Test
    void waitsWhatTheProviderAskedForCappedAtTheMaximum() {
        RetryDelay delay = new RetryDelay(Duration.ofMillis(10), Duration.ofSeconds(5));
        assertEquals(1500, delay.nextDelayInMillis(rateLimited(Duration.ofMillis(1500))));
        assertEquals(5000, delay.nextDelayInMillis(rateLimited(Duration.ofMinutes(10))));
        assertEquals(0, delay.nextDelayInMillis(rateLimited(Duration.ZERO)));
    }

    @Test
    void aProviderErrorWithoutRetryAfterBacksOff() {
        RetryDelay delay = new RetryDelay(Duration.ofMillis(100), Duration.ofSeconds(5));
        assertBetween(75, 100, delay.nextDelayInMillis(rateLimited(null)));
        assertBetween(150, 200, delay.nextDelayInMillis(rateLimited(null)));
    }

    private static void assertBetween(long min, long max, long actual) {
        assertTrue(actual >= min && actual <= max, actual + " ms is not within " + min + ".." + max + " ms");
    }
}
