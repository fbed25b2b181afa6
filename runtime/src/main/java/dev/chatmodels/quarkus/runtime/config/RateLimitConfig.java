package dev.chatmodels.quarkus.runtime.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import io.smallrye.config.WithDefault;

/**
 * A token-bucket rate limiter: every model call (each invoke, each stream, each batch item) takes one token. The
 * bucket starts empty and fills at {@code requests-per-second} up to {@code max-bucket-size}.
 */
public interface RateLimitConfig {

    /** Requests admitted per second; no limit when unset. */
    OptionalDouble requestsPerSecond();

    /** How often a waiting call checks the bucket again. */
    @WithDefault("100ms")
    Duration checkEvery();

    /** The most tokens the bucket holds: the largest burst after a quiet period. */
    @WithDefault("1")
    double maxBucketSize();

    /**
     * A budget of LLM tokens per minute (weighted mode): each call is charged its estimated prompt tokens plus its
     * maximum output tokens. No token budget when unset.
     */
    OptionalLong tokensPerMinute();

    /**
     * The name of a shared limiter ({@code quarkus.chat-models.rate-limiters."name".*}) this model uses instead of
     * its own.
     */
    Optional<String> shared();
}
