package dev.chatmodels.quarkus.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.quarkus.runtime.config.ModelConfig;
import dev.chatmodels.ratelimit.RateLimiter;
import dev.chatmodels.tool.ToolSet;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The options of {@link ChatModels#init}, split the way the reference's {@code init_chat_model} splits its keyword
 * arguments: the keys of a configured model (written {@code max_tokens} or {@code max-tokens}: {@code api_key},
 * {@code base_url}, {@code temperature}, {@code timeout} in seconds or as a {@link Duration}, {@code headers} as a map,
 * {@code rate_limit} as a map...), {@code model_provider} for the provider, {@code rate_limiter} for a
 * {@link RateLimiter} instance, the reference's own spellings of these (see {@link ReferenceOptions}), and everything
 * else passed to the provider as request parameters. {@code tools} takes
 * bean names, as the configuration key does, and tools given in code, in any form {@link ToolSet#of} accepts.
 *
 * @param config the model's settings, with the defaults of configuration for every key not given
 * @param kwargs provider request parameters
 * @param rateLimiter a rate limiter given in code, which wins over {@code rate_limit}
 * @param tools the tools of the {@code tools} option that are not bean names
 */
record InitOptions(ModelConfig config, Map<String, Object> kwargs, Optional<RateLimiter> rateLimiter, List<Object> tools) {

    /** The keys of {@link ModelConfig} that take a single value. */
    static final Set<String> VALUE_KEYS = Set.of("provider", "api-key", "base-url", "region", "temperature", "max-tokens",
            "stop",
            "timeout", "connect-timeout", "stream-idle-timeout", "max-retries", "retry-backoff", "max-retry-delay",
            "proxy", "max-connections", "log-requests", "log-responses", "log-body-limit", "tools", "fallbacks",
            "disable-streaming", "reasoning-effort", "reasoning-budget", "cache-points", "use-responses-api");
    /** The keys of {@link ModelConfig} that take a map of named values. */
    static final Set<String> MAP_KEYS = Set.of("headers", "params", "profile");
    /** The keys of {@link ModelConfig} that take a group of settings. */
    static final Set<String> GROUP_KEYS = Set.of("rate-limit", "circuit-breaker");

    private static final String PREFIX = ChatModelsConfig.prefix(ChatModelsConfig.DEFAULT_NAME);

    /**
     * Reads the options of a model.
     *
     * @throws IllegalArgumentException for an option whose value does not fit its key
     */
    static InitOptions read(String providerAndModel, Map<String, ?> options) {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        RateLimiter rateLimiter = null;
        List<Object> tools = new ArrayList<>();
        properties.put(PREFIX + "model", providerAndModel);
        for (Map.Entry<String, ?> option : options.entrySet()) {
            if (option.getValue() == null) {
                continue;
            }
            String key = ReferenceOptions.key(option.getKey().replace('_', '-').toLowerCase(Locale.ROOT),
                    option.getKey(), option.getValue());
            if (key == null) {
                continue;
            }
            Object value = ReferenceOptions.value(key, option.getValue());
            if (key.equals("model")) {
                throw new IllegalArgumentException("the model is the first argument of ChatModels.init, not an option");
            } else if (key.equals("rate-limiter") && value instanceof RateLimiter limiter) {
                rateLimiter = limiter;
            } else if (key.equals("tools") && !(value instanceof String)) {
                List<Object> beanNames = new ArrayList<>();
                for (Object tool : value instanceof Collection<?> given ? given : List.of(value)) {
                    (tool instanceof String ? beanNames : tools).add(tool);
                }
                if (!beanNames.isEmpty()) {
                    properties.put(PREFIX + key, text(beanNames));
                }
            } else if (key.equals("model-provider") || VALUE_KEYS.contains(key)) {
                properties.put(PREFIX + (key.equals("model-provider") ? "provider" : key), text(value));
            } else if (key.equals("params") && value instanceof Map<?, ?> params) {
                params.forEach((name, param) -> kwargs.put(String.valueOf(name), param));
            } else if (MAP_KEYS.contains(key) && value instanceof Map<?, ?> map) {
                map.forEach((name, entry) -> properties.put(PREFIX + key + ".\"" + name + "\"", text(entry)));
            } else if (GROUP_KEYS.contains(key) && value instanceof Map<?, ?> group) {
                group.forEach((name, entry) -> properties
                        .put(PREFIX + key + "." + String.valueOf(name).replace('_', '-'), text(entry)));
            } else {
                kwargs.put(option.getKey(), value);
            }
        }
        return new InitOptions(modelConfig(properties), kwargs, Optional.ofNullable(rateLimiter), List.copyOf(tools));
    }

    /** The value as configuration text: lists comma-separated, numbers of seconds for durations allowed as they are. */
    private static String text(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(v -> String.valueOf(v).replace(",", "\\,")).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    /** The options read through the configuration mapping, so they get its defaults and conversions. */
    private static ModelConfig modelConfig(Map<String, String> properties) {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withMapping(ChatModelsConfig.class)
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withSources(new PropertiesConfigSource(properties, "ChatModels.init options", 100))
                    .build();
            return config.getConfigMapping(ChatModelsConfig.class).models().get(ChatModelsConfig.DEFAULT_NAME);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid ChatModels.init options: " + e.getMessage(), e);
        }
    }
}
