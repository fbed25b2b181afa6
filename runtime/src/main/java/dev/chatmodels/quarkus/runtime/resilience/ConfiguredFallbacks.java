package dev.chatmodels.quarkus.runtime.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.FallbackChatModel;
import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.quarkus.runtime.config.ModelConfig;

/**
 * Puts the models named by {@code quarkus.chat-models."name".fallbacks=other,local} behind a configured model. A
 * fallback's own fallbacks are not followed, so chains never loop; {@code default} names the default model.
 */
public final class ConfiguredFallbacks {

    private ConfiguredFallbacks() {
    }

    /**
     * {@code model} followed by its configured fallbacks, or {@code model} itself when it has none.
     *
     * @param models the configured models by configured name ({@code <default>} for the default model), without
     *        their own fallbacks
     */
    public static ChatModel chain(ModelConfig config, ChatModel model,
            Function<String, ? extends ChatModel> models) {
        List<String> names = config.fallbacks().orElse(List.of());
        if (names.isEmpty()) {
            return model;
        }
        return FallbackChatModel.of(model, names.stream().map(name -> models.apply(key(name))).toList());
    }

    /** What is wrong with the configured fallbacks, each problem naming the property to fix. */
    public static List<String> problems(ChatModelsConfig config) {
        List<String> problems = new ArrayList<>();
        config.models().forEach((name, model) -> {
            if (model.model().isEmpty()) {
                return;
            }
            String property = ChatModelsConfig.prefix(name) + "fallbacks";
            for (String fallback : model.fallbacks().orElse(List.of())) {
                ModelConfig other = config.models().get(key(fallback));
                if (key(fallback).equals(name)) {
                    problems.add(property + " names the model itself: " + fallback);
                } else if (other == null || other.model().isEmpty()) {
                    problems.add(property + " names '" + fallback + "', which is not configured: set "
                            + ChatModelsConfig.prefix(key(fallback)) + "model or remove it from the list");
                }
            }
        });
        return problems;
    }

    private static String key(String name) {
        return ChatModelsConfig.key(name.trim());
    }
}
