package dev.chatmodels.quarkus.runtime.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.ratelimit.RateLimiter;
import dev.chatmodels.ratelimit.TokenBucketRateLimiter;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class ModelResilienceTest {

    private static ChatModelsConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(ChatModelsConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(ChatModelsConfig.class);
    }

    @Test
    void aModelWithoutARateLimitIsNotLimited() {
        ChatModelsConfig config = config(Map.of("quarkus.chat-models.model", "openai:gpt-4.1"));
        ModelResilience resilience = new ModelResilience(config);

        assertSame(RateLimiter.NONE, resilience.rateLimiter(ChatModelsConfig.DEFAULT_NAME,
                config.models().get(ChatModelsConfig.DEFAULT_NAME)));
    }

    @Test
    void eachModelGetsItsOwnLimiterAndModelsNamingASharedOneGetTheSameInstance() {
        ChatModelsConfig config = config(Map.of(
                "quarkus.chat-models.a.model", "openai:gpt-4.1",
                "quarkus.chat-models.a.rate-limit.requests-per-second", "5",
                "quarkus.chat-models.b.model", "openai:gpt-4.1",
                "quarkus.chat-models.b.rate-limit.shared", "pool",
                "quarkus.chat-models.c.model", "openai:gpt-4.1",
                "quarkus.chat-models.c.rate-limit.shared", "pool",
                "quarkus.chat-models.rate-limiters.pool.requests-per-second", "2",
                "quarkus.chat-models.rate-limiters.pool.max-bucket-size", "3"));
        ModelResilience resilience = new ModelResilience(config);

        RateLimiter own = resilience.rateLimiter("a", config.models().get("a"));
        RateLimiter b = resilience.rateLimiter("b", config.models().get("b"));
        RateLimiter c = resilience.rateLimiter("c", config.models().get("c"));

        assertInstanceOf(TokenBucketRateLimiter.class, own);
        assertNotSame(own, resilience.rateLimiter("a", config.models().get("a")), "a model's own limit is its own");
        assertSame(b, c, "one instance for every model naming the shared limiter");
        assertEquals("TokenBucketRateLimiter[2.0/s, bucket 3.0]", b.toString());
    }

    @Test
    void aSharedLimiterThatIsNotConfiguredNamesThePropertyToSet() {
        ChatModelsConfig config = config(Map.of(
                "quarkus.chat-models.fast.model", "openai:gpt-4.1",
                "quarkus.chat-models.fast.rate-limit.shared", "bulk"));
        ModelResilience resilience = new ModelResilience(config);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> resilience.rateLimiter("fast", config.models().get("fast")));

        assertEquals("quarkus.chat-models.\"fast\".rate-limit.shared=bulk names no rate limiter: set "
                + "quarkus.chat-models.rate-limiters.\"bulk\".requests-per-second or "
                + "quarkus.chat-models.rate-limiters.\"bulk\".tokens-per-minute", error.getMessage());
    }

    @Test
    void startUpProblemsNameTheProperties() {
        ChatModelsConfig config = config(Map.of(
                "quarkus.chat-models.model", "openai:gpt-4.1",
                "quarkus.chat-models.fallbacks", "local,default",
                "quarkus.chat-models.rate-limit.requests-per-second", "5",
                "quarkus.chat-models.rate-limit.max-bucket-size", "0.5",
                "quarkus.chat-models.fast.model", "openai:gpt-4.1-mini",
                "quarkus.chat-models.fast.fallbacks", "default"));

        List<String> problems = ModelResilience.problems(config);

        assertEquals(List.of(
                "quarkus.chat-models.rate-limit.max-bucket-size=0.5 is invalid: maxBucketSize must be at least 1, got 0.5",
                "quarkus.chat-models.fallbacks names 'local', which is not configured: set "
                        + "quarkus.chat-models.\"local\".model or remove it from the list",
                "quarkus.chat-models.fallbacks names the model itself: default"), problems);
    }
}
