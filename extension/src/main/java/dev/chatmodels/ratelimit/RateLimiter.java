package dev.chatmodels.ratelimit;

import io.smallrye.mutiny.Uni;

/** Admits model calls at a bounded rate. One limiter can be shared by several models. */
public interface RateLimiter {

    /** Admits everything at once. */
    RateLimiter NONE = () -> Uni.createFrom().voidItem();

    /** Completes when the call may go ahead. Waiting never blocks a thread. */
    Uni<Void> acquire();
}
