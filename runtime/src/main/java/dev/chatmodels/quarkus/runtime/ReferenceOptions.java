package dev.chatmodels.quarkus.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Options of the reference's {@code init_chat_model} and chat-model classes that this extension spells differently or
 * does not have, so that none of them reaches a provider as a request parameter: each is renamed to its equivalent
 * here, accepted when it asks for what always happens here, or refused with a message naming what to use instead.
 * Keys are in kebab-case, as {@link InitOptions} reads them.
 */
final class ReferenceOptions {

    /** The reference's spellings of keys this extension has. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("openai-api-key", "api-key"), Map.entry("anthropic-api-key", "api-key"),
            Map.entry("openai-api-base", "base-url"), Map.entry("anthropic-api-url", "base-url"),
            Map.entry("openai-proxy", "proxy"), Map.entry("default-headers", "headers"),
            Map.entry("model-kwargs", "params"), Map.entry("request-timeout", "timeout"),
            Map.entry("default-request-timeout", "timeout"), Map.entry("max-tokens-to-sample", "max-tokens"),
            Map.entry("stop-sequences", "stop"));

    /**
     * Switches for what always happens here: the value that asks for it is accepted (and changes nothing), any other
     * refused with the reason.
     */
    private record Fixed(Object accepted, String reason) {
    }

    private static final Map<String, Fixed> FIXED = Map.of(
            "stream-usage", new Fixed(true, "streams always report usage here"),
            "streaming", new Fixed(false, "invoke() always makes one ordinary request here: call stream(...) to stream"),
            "output-version", new Fixed("v1",
                    "messages always hold standard content blocks here (the reference's v1 format)"));

    /** Options there is no equivalent for, with what to use instead. */
    private static final Map<String, String> REFUSED = Map.of(
            "openai-organization", "send the header instead: headers={\"OpenAI-Organization\": \"org-...\"}",
            "organization", "send the header instead: headers={\"OpenAI-Organization\": \"org-...\"}",
            "callbacks", "give callbacks per call in RunConfig, or to every call with model.withConfig(...)",
            "tags", "give tags per call in RunConfig, or to every call with model.withConfig(...)",
            "configurable-fields", "configurable_fields and config_prefix are options of ChatModels.init and "
                    + "ChatModels.configurable, not values a call can configure",
            "config-prefix", "configurable_fields and config_prefix are options of ChatModels.init and "
                    + "ChatModels.configurable, not values a call can configure");

    /** Keys whose values are durations: the reference gives them as (fractional) numbers of seconds. */
    private static final Set<String> DURATION_KEYS = Set.of("timeout", "connect-timeout", "stream-idle-timeout",
            "retry-backoff", "max-retry-delay");

    private ReferenceOptions() {
    }

    /**
     * The key this extension reads {@code key} as: itself, its equivalent, or {@code null} for a switch that changes
     * nothing here.
     *
     * @param option the option as the caller wrote it, for the message
     * @throws IllegalArgumentException for an option that cannot be honoured, naming it and what to use instead
     */
    static String key(String key, String option, Object value) {
        String renamed = RENAMED.get(key);
        if (renamed != null) {
            return renamed;
        }
        Fixed fixed = FIXED.get(key);
        if (fixed != null) {
            if (String.valueOf(fixed.accepted()).equalsIgnoreCase(String.valueOf(value))) {
                return null;
            }
            throw new IllegalArgumentException(option + "=" + value + " is not supported: " + fixed.reason()
                    + "; leave " + option + " out");
        }
        String instead = REFUSED.get(key);
        if (instead != null) {
            throw new IllegalArgumentException(option + " is not supported as an option: " + instead);
        }
        return key;
    }

    /** {@code value} of {@code key} as configuration reads it: a number of seconds as a duration where one is meant. */
    static Object value(String key, Object value) {
        if (DURATION_KEYS.contains(key) && value instanceof Number seconds && !(value instanceof Integer)
                && !(value instanceof Long)) {
            return Duration.ofNanos(Math.round(seconds.doubleValue() * 1_000_000_000d));
        }
        return value;
    }
}
