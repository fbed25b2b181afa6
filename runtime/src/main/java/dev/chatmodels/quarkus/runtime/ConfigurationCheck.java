package dev.chatmodels.quarkus.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.quarkus.runtime.config.ModelConfig;
import dev.chatmodels.quarkus.runtime.resilience.ModelResilience;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Finds what is wrong with the models' run-time configuration before any model is used: each problem names the
 * property to set.
 */
public final class ConfigurationCheck {

    private ConfigurationCheck() {
    }

    /**
     * @param injectedIn the classes that inject each model, by configured name ({@code <default>} for the default model)
     */
    static List<String> problems(ChatModelsConfig config, Map<String, List<String>> injectedIn) {
        List<String> problems = new ArrayList<>();
        config.models().forEach((name, model) -> {
            if (model.model().isPresent()) {
                try {
                    ChatModelFactory.check(name, model);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        problems.addAll(ModelResilience.problems(config));
        injectedIn.forEach((name, classes) -> {
            // @ModelName("default") is the default model, as in ChatModels.get
            String key = ChatModelsConfig.key(name);
            ModelConfig model = config.models().get(key);
            if (model == null || model.model().isEmpty()) {
                problems.add(injected(name) + " is injected in " + String.join(", ", classes) + " but "
                        + ChatModelsConfig.prefix(key) + "model is not set"
                        + (ChatModels.isDefault(name) ? ": configure the default model" : ""));
            }
        });
        return problems;
    }

    /** The error that stops the build or the start-up, listing every problem. */
    public static ConfigurationException failure(List<String> problems) {
        return new ConfigurationException("Chat models are not configured correctly:\n - " + String.join("\n - ", problems));
    }

    private static String injected(String name) {
        return ChatModels.isDefault(name) ? "ChatModel" : "@ModelName(\"" + name + "\") ChatModel";
    }
}
