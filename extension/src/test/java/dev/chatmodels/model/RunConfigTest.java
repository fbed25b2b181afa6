package dev.chatmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatmodels.callback.ChatCallback;

class RunConfigTest {

    private final ChatCallback first = new ChatCallback() {
    };
    private final ChatCallback second = new ChatCallback() {
    };

    @Test
    void mergeUnitesTagsAndAddsMetadataCallbacksAndConfigurables() {
        RunConfig base = RunConfig.named("base").withTags("a", "b").withMetadata("k", 1).withMetadata("keep", true)
                .withCallbacks(first).withMaxConcurrency(4).withRecursionLimit(10).withConfigurable("model", "x");
        RunConfig override = RunConfig.EMPTY.withTags("b", "c").withMetadata("k", 2).withCallbacks(first, second)
                .withConfigurable("temperature", 0.1);

        RunConfig merged = base.merge(override);

        assertEquals("base", merged.runName(), "the override has no run name");
        assertEquals(List.of("a", "b", "c"), merged.tags());
        assertEquals(Map.of("k", 2, "keep", true), merged.metadata());
        assertEquals(List.of(first, second), merged.callbacks(), "a callback given twice is called once");
        assertEquals(4, merged.maxConcurrency());
        assertEquals(10, merged.recursionLimit());
        assertEquals(Map.of("model", "x", "temperature", 0.1), merged.configurable());
    }

    @Test
    void setValuesOfTheOverrideWin() {
        RunConfig merged = RunConfig.named("base").withMaxConcurrency(4).withRecursionLimit(10)
                .merge(RunConfig.named("call").withMaxConcurrency(2).withRecursionLimit(3));
        assertEquals("call", merged.runName());
        assertEquals(2, merged.effectiveMaxConcurrency());
        assertEquals(3, merged.effectiveRecursionLimit());
    }

    @Test
    void mergingWithNothingKeepsTheConfig() {
        RunConfig config = RunConfig.named("x").withTags("t");
        assertSame(config, config.merge(null));
        assertSame(config, config.merge(RunConfig.EMPTY));
        assertSame(config, RunConfig.EMPTY.merge(config));
    }

    @Test
    void defaultsAndValidation() {
        assertEquals(RunConfig.DEFAULT_MAX_CONCURRENCY, RunConfig.EMPTY.effectiveMaxConcurrency());
        assertEquals(RunConfig.DEFAULT_RECURSION_LIMIT, RunConfig.EMPTY.effectiveRecursionLimit());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RunConfig.EMPTY.withMaxConcurrency(0));
        assertEquals("maxConcurrency must be at least 1, got 0", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunConfig.EMPTY.withRecursionLimit(0));
    }

    @Test
    void aChildCallInheritsEverythingButTheRunName() {
        RunConfig child = RunConfig.named("parent").withTags("t").withMetadata("m", 1).forChild();
        assertNull(child.runName());
        assertEquals(List.of("t"), child.tags());
        assertEquals(Map.of("m", 1), child.metadata());
    }
}
