package dev.chatmodels.quarkus.runtime.config;

import io.smallrye.config.WithDefault;

/** Tracing of model calls ({@code quarkus.chat-models.tracing.*}), when the application has quarkus-opentelemetry. */
public interface TracingConfig {

    /**
     * Whether chat spans carry the prompt and answer ({@code gen_ai.input.messages}, {@code gen_ai.output.messages})
     * and tool spans the tool's arguments and result. Off by default: content may hold personal or secret data.
     */
    @WithDefault("false")
    boolean includeContent();
}
