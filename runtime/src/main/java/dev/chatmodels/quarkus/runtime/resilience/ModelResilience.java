package dev.chatmodels.quarkus.runtime.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.quarkus.runtime.config.ModelConfig;
import dev.chatmodels.quarkus.runtime.config.RateLimitConfig;
import dev.chatmodels.ratelimit.RateLimiter;
import dev.chatmodels.ratelimit.TokenBucketRateLimiter;
import dev.chatmodels.resilience.CallGuard;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.vertx.core.Vertx;

/**
 * Builds each model's call guard (retries, timeouts, circuit breaker) and rate limiter from its configuration. A shared
 * limiter ({@code quarkus.chat-models.rate-limiters."name".*}) is one instance for every model that names it.
 */
@ApplicationScoped
public class ModelResilience {

    private final ChatModelsConfig config;
    private final Timers timers;
    private final ConcurrentMap<String, RateLimiter> sharedLimiters = new ConcurrentHashMap<>();
    /** The guard of each model by name, the latest made, for its circuit breaker's state. */
    private final ConcurrentMap<String, ModelCallGuard> guards = new ConcurrentHashMap<>();

    @Inject
    ModelResilience(ChatModelsConfig config, Vertx vertx) {
        this.config = config;
        this.timers = Timers.vertx(vertx);
    }

    /** Rate limiters only, for checking the configuration: it makes no guard. */
    ModelResilience(ChatModelsConfig config) {
        this.config = config;
        this.timers = null;
    }

    /** The guard around each call of the model {@code modelName}. */
    public CallGuard guard(String modelName, ModelConfig model) {
        ModelCallGuard guard = ModelCallGuard.create(label(modelName), model, timers);
        guards.put(modelName, guard);
        return guard;
    }

    /**
     * The state of the circuit breaker of the model {@code modelName} ({@code <default>} for the default model): empty
     * when it has none or was not made yet.
     */
    public Optional<CircuitBreakerState> circuitBreakerState(String modelName) {
        ModelCallGuard guard = guards.get(modelName);
        return guard == null ? Optional.empty() : guard.circuitBreakerState();
    }

    /**
     * The rate limiter the model {@code modelName} takes a token from before each call.
     *
     * @throws IllegalArgumentException when its rate limit is configured wrongly; the message names the property
     */
    public RateLimiter rateLimiter(String modelName, ModelConfig model) {
        String prefix = prefix(modelName) + "rate-limit.";
        Optional<String> shared = model.rateLimit().shared();
        if (shared.isEmpty()) {
            return limiter(model.rateLimit(), prefix).orElse(RateLimiter.NONE);
        }
        return sharedLimiters.computeIfAbsent(shared.get(), name -> {
            RateLimitConfig limit = config.rateLimiters().get(name);
            String sharedPrefix = "quarkus.chat-models.rate-limiters.\"" + name + "\".";
            return limiter(limit, sharedPrefix).orElseThrow(() -> new IllegalArgumentException(prefix + "shared=" + name
                    + " names no rate limiter: set " + sharedPrefix + "requests-per-second or " + sharedPrefix
                    + "tokens-per-minute"));
        });
    }

    /**
     * What is wrong with the rate limits and fallbacks of the configured models, each problem naming the property to
     * fix.
     */
    public static List<String> problems(ChatModelsConfig config) {
        ModelResilience resilience = new ModelResilience(config);
        List<String> problems = new ArrayList<>();
        config.models().forEach((name, model) -> {
            if (model.model().isPresent()) {
                try {
                    resilience.rateLimiter(name, model);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        problems.addAll(ConfiguredFallbacks.problems(config));
        return problems;
    }

    private static Optional<RateLimiter> limiter(RateLimitConfig limit, String prefix) {
        if (limit == null || (limit.requestsPerSecond().isEmpty() && limit.tokensPerMinute().isEmpty())) {
            return Optional.empty();
        }
        TokenBucketRateLimiter.Builder builder = TokenBucketRateLimiter.builder();
        set(prefix + "check-every", limit.checkEvery(), builder::checkEvery);
        set(prefix + "max-bucket-size", limit.maxBucketSize(), builder::maxBucketSize);
        limit.requestsPerSecond().ifPresent(rate -> set(prefix + "requests-per-second", rate, builder::requestsPerSecond));
        limit.tokensPerMinute().ifPresent(budget -> set(prefix + "tokens-per-minute", budget, builder::tokensPerMinute));
        return Optional.of(builder.build());
    }

    /** Passes a configured value to the limiter builder, naming the property if the builder refuses it. */
    private static <T> void set(String property, T value, Consumer<T> setter) {
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + "=" + value + " is invalid: " + e.getMessage(), e);
        }
    }

    /** The model's property prefix, or for a model created in code the prefix of its options. */
    private String prefix(String modelName) {
        return config.models().containsKey(modelName) ? ChatModelsConfig.prefix(modelName)
                : "ChatModels.init(\"" + modelName + "\") option ";
    }

    private static String label(String modelName) {
        return "'" + ChatModelsConfig.modelName(modelName) + "'";
    }
}
