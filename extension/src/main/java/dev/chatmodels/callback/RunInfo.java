package dev.chatmodels.callback;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.chatmodels.profile.ModelProfile;

/**
 * What a callback learns about the call an event belongs to. {@code request} holds the request's sampling settings
 * that are set, under their names in the OpenTelemetry GenAI conventions without the {@code gen_ai.request.} prefix:
 * {@code temperature}, {@code max_tokens}, {@code stop_sequences}, {@code top_p}, {@code top_k},
 * {@code frequency_penalty}, {@code presence_penalty}, {@code seed}.
 *
 * @param profile the called model's profile (prices for cost estimates); {@link ModelProfile#EMPTY} when unknown
 */
public record RunInfo(UUID runId, String runName, List<String> tags, Map<String, Object> metadata, String provider,
        String modelName, String configuredName, Map<String, Object> request, ModelProfile profile) {

    /** The metadata key under which a tool loop's model calls and tool runs carry the loop's run id. */
    public static final String TOOL_LOOP_RUN_ID = "tool_loop_run_id";

    public RunInfo {
        request = request == null ? Map.of() : Map.copyOf(request);
        profile = profile == null ? ModelProfile.EMPTY : profile;
    }

    /** A run of a model whose profile is unknown. */
    public RunInfo(UUID runId, String runName, List<String> tags, Map<String, Object> metadata, String provider,
            String modelName, String configuredName, Map<String, Object> request) {
        this(runId, runName, tags, metadata, provider, modelName, configuredName, request, ModelProfile.EMPTY);
    }

    /** A run whose request settings and model profile are not known (a tool run, a tool loop). */
    public RunInfo(UUID runId, String runName, List<String> tags, Map<String, Object> metadata, String provider,
            String modelName, String configuredName) {
        this(runId, runName, tags, metadata, provider, modelName, configuredName, Map.of(), ModelProfile.EMPTY);
    }
}
