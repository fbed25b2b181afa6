package dev.chatmodels.functions.openai;

import java.util.List;
import java.util.Map;

import dev.chatmodels.model.ModelSettings;

/**
 * The generation settings a request may override; each is {@code null} (or, for {@code stop}, empty) when the request
 * leaves the configured model's value.
 */
public record SamplingSettings(Double temperature, Integer maxTokens, List<String> stop, Double topP) {

    public static final SamplingSettings NONE = new SamplingSettings(null, null, List.of(), null);

    public SamplingSettings {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The model's settings with the values this request sets. */
    public ModelSettings applyTo(ModelSettings settings) {
        ModelSettings result = settings;
        if (temperature != null) {
            result = result.withTemperature(temperature);
        }
        if (maxTokens != null) {
            result = result.withMaxTokens(maxTokens);
        }
        if (!stop.isEmpty()) {
            result = result.withStop(stop);
        }
        if (topP != null) {
            // top_p has the same name and meaning in OpenAI's and Anthropic's APIs.
            result = result.withKwargs(Map.of("top_p", topP));
        }
        return result;
    }
}
