package dev.chatmodels.usage;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.chatmodels.callback.ChatCallback;
import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.message.AIMessage;

/**
 * Sums token usage per model name over every call it sees. Thread-safe. A call whose message has no usage or no model
 * name is not recorded.
 */
public class UsageCallback implements ChatCallback {

    private final Map<String, UsageMetadata> usage = new LinkedHashMap<>();

    @Override
    public void onEnd(RunInfo run, AIMessage message) {
        String model = message.modelName();
        if (model == null || message.usage() == null) {
            return;
        }
        synchronized (usage) {
            usage.merge(model, message.usage(), UsageMetadata::add);
        }
    }

    /** A snapshot of the usage so far, keyed by the model name the provider reported. */
    public Map<String, UsageMetadata> usageByModel() {
        synchronized (usage) {
            return Map.copyOf(new LinkedHashMap<>(usage));
        }
    }

    /** The usage of every model added up. */
    public UsageMetadata total() {
        return usageByModel().values().stream().reduce(UsageMetadata.EMPTY, UsageMetadata::add);
    }
}
