package dev.chatmodels.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import dev.chatmodels.callback.ChatCallback;

/**
 * Per-call configuration: a run name (not inherited by sub-calls), tags and metadata (inherited), callbacks, the
 * maximum number of concurrent requests of a batch, the recursion limit of tool loops, and configurable values.
 */
public record RunConfig(String runName, List<String> tags, Map<String, Object> metadata, List<ChatCallback> callbacks,
        Integer maxConcurrency, Integer recursionLimit, Map<String, Object> configurable) {

    public static final RunConfig EMPTY = new RunConfig(null, List.of(), Map.of(), List.of(), null, null, Map.of());

    /** Batches run this many requests at once unless {@link #maxConcurrency()} says otherwise. */
    public static final int DEFAULT_MAX_CONCURRENCY = 16;
    /** Tool loops stop with an error after this many model calls unless {@link #recursionLimit()} says otherwise. */
    public static final int DEFAULT_RECURSION_LIMIT = 25;

    public RunConfig {
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        callbacks = callbacks == null ? List.of() : List.copyOf(callbacks);
        configurable = configurable == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configurable));
        if (maxConcurrency != null && maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + maxConcurrency);
        }
        if (recursionLimit != null && recursionLimit < 1) {
            throw new IllegalArgumentException("recursionLimit must be at least 1, got " + recursionLimit);
        }
    }

    public static RunConfig named(String runName) {
        return EMPTY.withRunName(runName);
    }

    public RunConfig withRunName(String name) {
        return new RunConfig(name, tags, metadata, callbacks, maxConcurrency, recursionLimit, configurable);
    }

    public RunConfig withTags(String... more) {
        List<String> all = new ArrayList<>(tags);
        all.addAll(List.of(more));
        return new RunConfig(runName, all, metadata, callbacks, maxConcurrency, recursionLimit, configurable);
    }

    public RunConfig withMetadata(String key, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(metadata);
        all.put(key, value);
        return new RunConfig(runName, tags, all, callbacks, maxConcurrency, recursionLimit, configurable);
    }

    public RunConfig withCallbacks(ChatCallback... more) {
        List<ChatCallback> all = new ArrayList<>(callbacks);
        all.addAll(List.of(more));
        return new RunConfig(runName, tags, metadata, all, maxConcurrency, recursionLimit, configurable);
    }

    public RunConfig withMaxConcurrency(int max) {
        return new RunConfig(runName, tags, metadata, callbacks, max, recursionLimit, configurable);
    }

    public RunConfig withRecursionLimit(int limit) {
        return new RunConfig(runName, tags, metadata, callbacks, maxConcurrency, limit, configurable);
    }

    public RunConfig withConfigurable(String key, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(configurable);
        all.put(key, value);
        return new RunConfig(runName, tags, metadata, callbacks, maxConcurrency, recursionLimit, all);
    }

    public int effectiveMaxConcurrency() {
        return maxConcurrency == null ? DEFAULT_MAX_CONCURRENCY : maxConcurrency;
    }

    public int effectiveRecursionLimit() {
        return recursionLimit == null ? DEFAULT_RECURSION_LIMIT : recursionLimit;
    }

    /**
     * This config with {@code override} applied on top: tags are united, metadata, configurable values and callbacks
     * are added, and the other values of {@code override} win where set.
     */
    public RunConfig merge(RunConfig override) {
        if (override == null || override == EMPTY) {
            return this;
        }
        if (this == EMPTY) {
            return override;
        }
        LinkedHashSet<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(override.tags);
        Map<String, Object> allMetadata = new LinkedHashMap<>(metadata);
        allMetadata.putAll(override.metadata);
        List<ChatCallback> allCallbacks = new ArrayList<>(callbacks);
        override.callbacks.stream().filter(c -> !allCallbacks.contains(c)).forEach(allCallbacks::add);
        Map<String, Object> allConfigurable = new LinkedHashMap<>(configurable);
        allConfigurable.putAll(override.configurable);
        return new RunConfig(override.runName != null ? override.runName : runName, List.copyOf(allTags), allMetadata,
                allCallbacks, override.maxConcurrency != null ? override.maxConcurrency : maxConcurrency,
                override.recursionLimit != null ? override.recursionLimit : recursionLimit, allConfigurable);
    }

    /** The config a sub-call inherits: everything but the run name. */
    public RunConfig forChild() {
        return withRunName(null);
    }
}
