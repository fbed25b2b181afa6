package dev.chatmodels.usage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

import dev.chatmodels.callback.ChatCallback;
import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.message.AIMessage;

/**
 * Sums token usage per model name over every call it sees, and its estimated cost where the called model's profile has
 * prices. Thread-safe. A call whose message has no usage or no model name is not recorded.
 */
public class UsageCallback implements ChatCallback {

    private final Map<String, UsageMetadata> usage = new LinkedHashMap<>();
    private final Map<String, Double> cost = new LinkedHashMap<>();

    @Override
    public void onEnd(RunInfo run, AIMessage message) {
        String model = message.modelName();
        if (model == null || message.usage() == null) {
            return;
        }
        OptionalDouble callCost = run.profile().estimateCost(message.usage());
        synchronized (usage) {
            usage.merge(model, message.usage(), UsageMetadata::add);
            callCost.ifPresent(dollars -> cost.merge(model, dollars, Double::sum));
        }
    }

    /** A snapshot of the usage so far, keyed by the model name the provider reported. */
    public Map<String, UsageMetadata> usageByModel() {
        synchronized (usage) {
            return Map.copyOf(new LinkedHashMap<>(usage));
        }
    }

    /**
     * The estimated cost so far in US dollars, keyed by the model name the provider reported: only calls of models whose
     * profile has input and output prices (see {@code ModelProfile#estimateCost}) count.
     */
    public Map<String, Double> estimatedCostByModel() {
        synchronized (usage) {
            return Map.copyOf(new LinkedHashMap<>(cost));
        }
    }

    /** The estimated cost of every priced call added up, in US dollars. */
    public double estimatedCost() {
        return estimatedCostByModel().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The usage of every model added up. */
    public UsageMetadata total() {
        return usageByModel().values().stream().reduce(UsageMetadata.EMPTY, UsageMetadata::add);
    }
}
