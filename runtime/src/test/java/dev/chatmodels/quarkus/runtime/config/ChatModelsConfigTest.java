package dev.chatmodels.quarkus.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** How models appear in the configuration mapping, from sources only seen at run time. */
class ChatModelsConfigTest {

    @Test
    void environmentVariablesAddNamedModels() {
        ChatModelsConfig config = new SmallRyeConfigBuilder()
                .withMapping(ChatModelsConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(Map.of("QUARKUS_CHAT_MODELS_MODEL", "openai:gpt-4.1",
                        "QUARKUS_CHAT_MODELS_LATE_MODEL", "anthropic:claude-haiku-4-5",
                        "QUARKUS_CHAT_MODELS_LATE_API_KEY", "sk-late"), 300))
                .build()
                .getConfigMapping(ChatModelsConfig.class);

        assertEquals(Optional.of("openai:gpt-4.1"), config.models().get(ChatModelsConfig.DEFAULT_NAME).model());
        assertEquals(Optional.of("anthropic:claude-haiku-4-5"), config.models().get("late").model());
        assertEquals(Optional.of("sk-late"), config.models().get("late").apiKey());
    }
}
