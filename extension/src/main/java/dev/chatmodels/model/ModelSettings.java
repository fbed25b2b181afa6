package dev.chatmodels.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chatmodels.profile.ModelProfile;

/**
 * The generation settings of a model: the provider's model name, temperature, maximum output tokens, stop sequences,
 * provider keyword arguments (e.g. {@code top_p}, {@code logprobs}) merged into the request body as they are, the
 * model's profile ({@code null}: the catalog's profile of the model), and how much it should reason ({@code null}: the
 * provider's default).
 */
public record ModelSettings(String modelName, Double temperature, Integer maxTokens, List<String> stop,
        Map<String, Object> kwargs, ModelProfile profile, Reasoning reasoning) {

    /** Keyword arguments the OpenTelemetry GenAI conventions name as request attributes. */
    private static final List<String> CONVENTION_KWARGS = List.of("top_p", "top_k", "frequency_penalty",
            "presence_penalty", "seed");

    public ModelSettings {
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("A model needs a model name");
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
        kwargs = kwargs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    /** Settings with the provider's default reasoning. */
    public ModelSettings(String modelName, Double temperature, Integer maxTokens, List<String> stop,
            Map<String, Object> kwargs, ModelProfile profile) {
        this(modelName, temperature, maxTokens, stop, kwargs, profile, null);
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
        return new ModelSettings(modelName, value, maxTokens, stop, kwargs, profile, reasoning);
    }

    public ModelSettings withMaxTokens(Integer value) {
        return new ModelSettings(modelName, temperature, value, stop, kwargs, profile, reasoning);
    }

    public ModelSettings withStop(List<String> value) {
        return new ModelSettings(modelName, temperature, maxTokens, value, kwargs, profile, reasoning);
    }

    /** These settings with more keyword arguments; a key given again replaces the earlier value. */
    public ModelSettings withKwargs(Map<String, Object> more) {
        Map<String, Object> all = new LinkedHashMap<>(kwargs);
        all.putAll(more);
        return new ModelSettings(modelName, temperature, maxTokens, stop, all, profile, reasoning);
    }

    /** These settings with {@code value} as the model's profile, in place of the catalog's. */
    public ModelSettings withProfile(ModelProfile value) {
        return new ModelSettings(modelName, temperature, maxTokens, stop, kwargs, value, reasoning);
    }

    /** These settings with {@code value} as how much the model reasons ({@code null}: the provider's default). */
    public ModelSettings withReasoning(Reasoning value) {
        return new ModelSettings(modelName, temperature, maxTokens, stop, kwargs, profile, value);
    }

    /**
     * The sampling settings that are set, named as the OpenTelemetry GenAI conventions name them without their
     * {@code gen_ai.request.} prefix (see {@link dev.chatmodels.callback.RunInfo#request()}); numeric keyword
     * arguments with a convention name are included.
     */
    public Map<String, Object> requestSettings() {
        Map<String, Object> request = new LinkedHashMap<>();
        if (temperature != null) {
            request.put("temperature", temperature);
        }
        if (maxTokens != null) {
            request.put("max_tokens", maxTokens);
        }
        if (!stop.isEmpty()) {
            request.put("stop_sequences", stop);
        }
        for (String name : CONVENTION_KWARGS) {
            if (kwargs.get(name) instanceof Number value) {
                request.put(name, value);
            }
        }
        return request;
    }
}
