package dev.chatmodels.callback;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a callback learns about the call an event belongs to. */
public record RunInfo(UUID runId, String runName, List<String> tags, Map<String, Object> metadata, String provider,
        String modelName, String configuredName) {
}
