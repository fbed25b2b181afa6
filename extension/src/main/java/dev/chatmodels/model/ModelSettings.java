package dev.chatmodels.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generation settings of a model: the provider's model name, temperature, maximum output tokens, stop sequences,
 * and provider keyword arguments (e.g. {@code top_p}, {@code logprobs}) merged into the request body as they are.
 */
public record ModelSettings(String modelName, Double temperature, Integer maxTokens, List<String> stop,
        Map<String, Object> kwargs) {

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

    public static ModelSettings of(String modelName) {
        return new ModelSettings(modelName, null, null, List.of(), Map.of());
    }

    public ModelSettings withTemperature(Double value) {
        return new ModelSettings(modelName, value, maxTokens, stop, kwargs);
    }

    public ModelSettings withMaxTokens(Integer value) {
        return new ModelSettings(modelName, temperature, value, stop, kwargs);
    }

    public ModelSettings withStop(List<String> value) {
        return new ModelSettings(modelName, temperature, maxTokens, value, kwargs);
    }

    /** These settings with more keyword arguments; a key given again replaces the earlier value. */
    public ModelSettings withKwargs(Map<String, Object> more) {
        Map<String, Object> all = new LinkedHashMap<>(kwargs);
        all.putAll(more);
        return new ModelSettings(modelName, temperature, maxTokens, stop, all);
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
