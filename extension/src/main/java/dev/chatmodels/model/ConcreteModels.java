package dev.chatmodels.model;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The concrete models of a {@link ConfigurableChatModel} by their options, each made once. Bounded, because the options
 * come from each call's config: beyond {@link #MAX_MODELS} an arbitrary other model is dropped (and made again if a
 * later call selects it). Looking up a cached model takes no lock.
 */
final class ConcreteModels {

    /** The most models kept. */
    static final int MAX_MODELS = 32;

    private final ConcurrentMap<Map<String, Object>, ChatModel> models = new ConcurrentHashMap<>();

    /** The model made for {@code options}, or {@code null}. */
    ChatModel cached(Map<String, Object> options) {
        return models.get(options);
    }

    /** The model made for {@code options}, made by {@code make} if there is none yet. */
    ChatModel get(Map<String, Object> options, Function<Map<String, Object>, ChatModel> make) {
        ChatModel model = models.computeIfAbsent(options, make);
        if (models.size() > MAX_MODELS) {
            Iterator<Map<String, Object>> keys = models.keySet().iterator();
            while (models.size() > MAX_MODELS && keys.hasNext()) {
                if (!keys.next().equals(options)) {
                    keys.remove();
                }
            }
        }
        return model;
    }
}
