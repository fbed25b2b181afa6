package dev.chatmodels.quarkus.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.chatmodels.quarkus.runtime.config.ModelConfig;
import dev.chatmodels.ratelimit.RateLimiter;
import dev.chatmodels.tool.ChatTool;

class InitOptionsTest {

    @Test
    void everyModelKeyIsAnOption() {
        Set<String> keys = Arrays.stream(ModelConfig.class.getDeclaredMethods())
                .map(Method::getName)
                .map(name -> name.replaceAll("([A-Z])", "-$1").toLowerCase())
                .collect(Collectors.toSet());
        Set<String> options = new HashSet<>(InitOptions.VALUE_KEYS);
        options.addAll(InitOptions.MAP_KEYS);
        options.addAll(InitOptions.GROUP_KEYS);
        options.add("model");
        assertEquals(keys, options);
    }

    @Test
    void modelKeysBecomeSettingsWithTheConfigurationDefaults() {
        InitOptions options = InitOptions.read("gpt-4.1", Map.of("temperature", 0.2, "max_tokens", 100,
                "timeout", 30, "connect-timeout", Duration.ofSeconds(2), "base_url", "http://127.0.0.1:9/v1", "region",
                "eu-west-1",
                "headers", Map.of("X-Team", "a"), "stop", List.of("a,b", "c"), "rate_limit",
                Map.of("requests_per_second", 5)));
        ModelConfig config = options.config();
        assertEquals(Optional.of("gpt-4.1"), config.model());
        assertEquals(0.2, config.temperature().getAsDouble());
        assertEquals(100, config.maxTokens().getAsInt());
        assertEquals(Duration.ofSeconds(30), config.timeout());
        assertEquals(Duration.ofSeconds(2), config.connectTimeout());
        assertEquals(Duration.ofSeconds(30), config.streamIdleTimeout(), "a default of the configuration");
        assertEquals(2, config.maxRetries(), "a default of the configuration");
        assertEquals(Optional.of("http://127.0.0.1:9/v1"), config.baseUrl());
        assertEquals(Optional.of("eu-west-1"), config.region());
        assertEquals(Map.of("X-Team", "a"), config.headers());
        assertEquals(Optional.of(List.of("a,b", "c")), config.stop());
        assertEquals(5.0, config.rateLimit().requestsPerSecond().getAsDouble());
        assertEquals(Map.of(), options.kwargs());
    }

    @Test
    void otherOptionsAreProviderParameters() {
        InitOptions options = InitOptions.read("gpt-4.1", Map.of("top_p", 0.9, "logprobs", true,
                "params", Map.of("seed", 7), "model_provider", "openai"));
        assertEquals(Map.of("top_p", 0.9, "logprobs", true, "seed", 7), options.kwargs());
        assertEquals(Optional.of("openai"), options.config().provider());
    }

    @Test
    void aRateLimiterInstanceIsKept() {
        RateLimiter limiter = RateLimiter.NONE;
        assertSame(limiter, InitOptions.read("gpt-4.1", Map.of("rate_limiter", limiter)).rateLimiter().orElseThrow());
    }

    @Test
    void toolsAreBeanNamesOrToolsGivenInCode() {
        ChatTool echo = ChatTool.fromSchema("echo", null, "{\"type\": \"object\"}", args -> args);
        InitOptions options = InitOptions.read("gpt-4.1", Map.of("tools", List.of("calendar", echo, "weatherTools")));
        assertEquals(Optional.of(List.of("calendar", "weatherTools")), options.config().tools());
        assertEquals(List.of(echo), options.tools());

        InitOptions names = InitOptions.read("gpt-4.1", Map.of("tools", "calendar,weatherTools"));
        assertEquals(Optional.of(List.of("calendar", "weatherTools")), names.config().tools());
        assertEquals(List.of(), names.tools());

        InitOptions single = InitOptions.read("gpt-4.1", Map.of("tools", echo));
        assertEquals(Optional.empty(), single.config().tools());
        assertEquals(List.of(echo), single.tools());
    }

    @Test
    void badValuesAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> InitOptions.read("gpt-4.1", Map.of("temperature", "warm")));
        assertTrue(error.getMessage().contains("temperature"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InitOptions.read("gpt-4.1", Map.of("model", "gpt-5")));
    }
}
