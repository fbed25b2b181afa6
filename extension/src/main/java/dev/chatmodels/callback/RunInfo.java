package dev.chatmodels.callback;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.chatmodels.profile.ModelProfile;

/**
 * What a callback learns about the call an event belongs to.
 *
 * @param profile the called model's profile (prices for cost estimates); {@link ModelProfile#EMPTY} when unknown
 */
public record RunInfo(UUID runId, String runName, List<String> tags, Map<String, Object> metadata, String provider,
        String modelName, String configuredName, ModelProfile profile) {

    public RunInfo {
        profile = profile == null ? ModelProfile.EMPTY : profile;
    }

    /** A run of a model whose profile is unknown. */
    public RunInfo(UUID runId, String runName, List<String> tags, Map<String, Object> metadata, String provider,
            String modelName, String configuredName) {
        this(runId, runName, tags, metadata, provider, modelName, configuredName, ModelProfile.EMPTY);
    }
}
