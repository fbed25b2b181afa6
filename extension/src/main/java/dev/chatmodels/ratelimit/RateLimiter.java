package dev.chatmodels.ratelimit;

import io.smallrye.mutiny.Uni;

/** Admits model calls at a bounded rate. One limiter can be shared by several models. */
public interface RateLimiter {

    /** Admits everything at once. */
    RateLimiter NONE = () -> Uni.createFrom().voidItem();

    /** Completes when the call may go ahead. Waiting never blocks a thread. */
    Uni<Void> acquire();

    /**
     * Completes when a call estimated to use {@code estimatedTokens} LLM tokens (prompt and output) may go ahead.
     * Limiters that count requests only ignore the estimate.
     */
    default Uni<Void> acquire(long estimatedTokens) {
        return acquire();
    }
}
