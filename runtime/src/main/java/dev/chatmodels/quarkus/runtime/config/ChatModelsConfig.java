package dev.chatmodels.quarkus.runtime.config;

import java.util.Map;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;

/**
 * Chat models. The default model's keys sit directly under {@code quarkus.chat-models}; a named model's keys under
 * {@code quarkus.chat-models."name"}. Read at run time, so models can be added or changed on a packaged application
 * with system properties or environment variables, without a rebuild.
 */
@ConfigMapping(prefix = "quarkus.chat-models")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ChatModelsConfig {

    /** The map key of the default model (the one configured directly under {@code quarkus.chat-models}). */
    String DEFAULT_NAME = "<default>";

    /** What the application calls the default model: in code, in {@code fallbacks}, in logs and messages. */
    String DEFAULT_MODEL = "default";

    /**
     * The models: the default one and named ones.
     */
    @ConfigDocSection
    @ConfigDocMapKey("model-name")
    @WithParentName
    @WithDefaults
    @WithUnnamedKey(DEFAULT_NAME)
    Map<String, ModelConfig> models();

    /**
     * Rate limiters shared by several models: a model joins one with
     * {@code quarkus.chat-models."name".rate-limit.shared=limiter-name}.
     */
    @ConfigDocSection
    @ConfigDocMapKey("limiter-name")
    Map<String, RateLimitConfig> rateLimiters();

    /** Tracing of model calls, when the application has {@code quarkus-opentelemetry}. */
    TracingConfig tracing();

    /** The map key of the model the application calls {@code modelName}: {@code default} is the default model. */
    static String key(String modelName) {
        return DEFAULT_MODEL.equals(modelName) ? DEFAULT_NAME : modelName;
    }

    /** What the application calls the model of map key {@code key}: {@code default} for the default model. */
    static String modelName(String key) {
        return DEFAULT_NAME.equals(key) ? DEFAULT_MODEL : key;
    }

    /** The property prefix of a model: {@code quarkus.chat-models.} or {@code quarkus.chat-models."name".}. */
    static String prefix(String modelName) {
        return DEFAULT_NAME.equals(modelName) ? "quarkus.chat-models." : "quarkus.chat-models.\"" + modelName + "\".";
    }
}
