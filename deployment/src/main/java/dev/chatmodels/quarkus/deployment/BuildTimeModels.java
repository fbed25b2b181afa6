package dev.chatmodels.quarkus.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;

import dev.chatmodels.quarkus.runtime.ModelSettingNames;
import dev.chatmodels.quarkus.runtime.ResolvedModel;
import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;

/**
 * The models the configuration names at build time. The configuration is read at run time, where it may add or change
 * models; what is already known at build time is checked early, with the messages of the start-up check.
 */
final class BuildTimeModels {

    private static final String PREFIX = "quarkus.chat-models.";
    /** Keys of the default model that hold maps or groups, and the shared limiters: never model names. */
    private static final Set<String> NOT_MODEL_NAMES = Set.of("headers", "params", "rate-limit", "circuit-breaker",
            "rate-limiters", "tracing");

    /** A model's {@code model} and {@code provider} values; empty when unset or not resolvable at build time. */
    record Model(String name, Optional<String> model, Optional<String> provider) {
    }

    private BuildTimeModels() {
    }

    /** The models with a {@code model} or {@code provider} property, by configured name. */
    static List<Model> read(Config config) {
        Map<String, Model> models = new LinkedHashMap<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(PREFIX)) {
                modelKey(property.substring(PREFIX.length())).ifPresent(key -> {
                    Model known = models.getOrDefault(key.name(), new Model(key.name(), Optional.empty(), Optional.empty()));
                    Optional<String> value = value(config, property);
                    models.put(key.name(), key.leaf().equals("model") ? new Model(key.name(), value, known.provider())
                            : new Model(key.name(), known.model(), value));
                });
            }
        }
        return List.copyOf(models.values());
    }

    /** The problems of the models whose values are known at build time. */
    static List<String> problems(List<Model> models) {
        List<String> problems = new ArrayList<>();
        for (Model model : models) {
            if (model.model().isPresent()) {
                try {
                    ResolvedModel.resolve(ModelSettingNames.of(model.name()), model.model(), model.provider());
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return problems;
    }

    /** A {@code model} or {@code provider} property: the model it belongs to and which of the two it is. */
    private record ModelKey(String name, String leaf) {
    }

    /** The {@code model} or {@code provider} key that follows the prefix, if it is one. */
    private static Optional<ModelKey> modelKey(String key) {
        if (key.equals("model") || key.equals("provider")) {
            return Optional.of(new ModelKey(ChatModelsConfig.DEFAULT_NAME, key));
        }
        String name;
        String leaf;
        if (key.startsWith("\"")) {
            int close = key.indexOf('"', 1);
            if (close < 0 || close + 2 > key.length()) {
                return Optional.empty();
            }
            name = key.substring(1, close);
            leaf = key.substring(close + 2);
        } else {
            int dot = key.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            name = key.substring(0, dot);
            leaf = key.substring(dot + 1);
        }
        boolean modelKey = leaf.equals("model") || leaf.equals("provider");
        return modelKey && !NOT_MODEL_NAMES.contains(name) ? Optional.of(new ModelKey(name, leaf)) : Optional.empty();
    }

    /** A value, or empty when it is unset or an expression that cannot be resolved at build time. */
    private static Optional<String> value(Config config, String property) {
        try {
            return config.getOptionalValue(property, String.class);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
