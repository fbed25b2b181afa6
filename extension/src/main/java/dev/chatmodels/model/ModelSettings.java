package dev.chatmodels.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chatmodels.profile.ModelProfile;

/**
 * The generation settings of a model: the provider's model name, temperature, maximum output tokens, stop sequences,
 * provider keyword arguments (e.g. {@code top_p}, {@code logprobs}) merged into the request body as they are, and the
 * model's profile ({@code null}: the catalog's profile of the model).
 */
public record ModelSettings(String modelName, Double temperature, Integer maxTokens, List<String> stop,
        Map<String, Object> kwargs, ModelProfile profile) {

    public ModelSettings {
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("A model needs a model name");
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
        kwargs = kwargs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    /** Settings with the catalog's profile of the model. */
    public ModelSettings(String modelName, Double temperature, Integer maxTokens, List<String> stop,
            Map<String, Object> kwargs) {
        this(modelName, temperature, maxTokens, stop, kwargs, null);
    }

    public static ModelSettings of(String modelName) {
        return new ModelSettings(modelName, null, null, List.of(), Map.of());
    }

    public ModelSettings withTemperature(Double value) {
        return new ModelSettings(modelName, value, maxTokens, stop, kwargs, profile);
    }

    public ModelSettings withMaxTokens(Integer value) {
        return new ModelSettings(modelName, temperature, value, stop, kwargs, profile);
    }

    public ModelSettings withStop(List<String> value) {
        return new ModelSettings(modelName, temperature, maxTokens, value, kwargs, profile);
    }

    /** These settings with more keyword arguments; a key given again replaces the earlier value. */
    public ModelSettings withKwargs(Map<String, Object> more) {
        Map<String, Object> all = new LinkedHashMap<>(kwargs);
        all.putAll(more);
        return new ModelSettings(modelName, temperature, maxTokens, stop, all, profile);
    }

    /** These settings with {@code value} as the model's profile, in place of the catalog's. */
    public ModelSettings withProfile(ModelProfile value) {
        return new ModelSettings(modelName, temperature, maxTokens, stop, kwargs, value);
    }
}
