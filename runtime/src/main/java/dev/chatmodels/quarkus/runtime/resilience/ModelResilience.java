package dev.chatmodels.quarkus.runtime.resilience;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatmodels.quarkus.runtime.config.ModelConfig;
import dev.chatmodels.ratelimit.RateLimiter;
import dev.chatmodels.resilience.CallGuard;

/** Builds each model's call guard (retries, timeouts, circuit breaker) and rate limiter from its configuration. */
@ApplicationScoped
public class ModelResilience {

    /** The guard around each call of the model {@code modelName}. */
    public CallGuard guard(String modelName, ModelConfig config) {
        return CallGuard.NONE;
    }

    /** The rate limiter the model {@code modelName} takes a token from before each call. */
    public RateLimiter rateLimiter(String modelName, ModelConfig config) {
        return RateLimiter.NONE;
    }
}
