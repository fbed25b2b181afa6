package dev.chatmodels.quarkus.runtime.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.chatmodels.error.ProviderException;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * How long one call waits before each retry: the delay the provider asked for ({@code retry-after},
 * {@code retry-after-ms}, as decoded into {@link ProviderException#retryAfter()}), or else {@code retry-backoff}
 * doubled at each retry and jittered down by up to a quarter so that callers failed together do not retry together;
 * never more than {@code max-retry-delay}. One instance per call: it counts the call's retries.
 */
final class RetryDelay implements CustomBackoffStrategy {

    private final long firstMillis;
    private final long maxMillis;
    private int retries;

    RetryDelay(Duration first, Duration max) {
        this.firstMillis = Math.max(0, first.toMillis());
        this.maxMillis = Math.max(0, max.toMillis());
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        Duration asked = failure instanceof ProviderException provider ? provider.retryAfter() : null;
        int retry = retries++;
        if (asked != null) {
            return Math.min(Math.max(0, asked.toMillis()), maxMillis);
        }
        long backoff = (long) Math.min(firstMillis * Math.pow(2, retry), maxMillis);
        return backoff - ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
    }
}
