package dev.chatmodels.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.chatmodels.callback.ChatCallback;

/**
 * Collects the usage of every model call started on this thread while the scope is open, whichever model makes it:
 *
 * <pre>
 * try (UsageScope scope = UsageScope.open()) {
 *     model.invoke("Hello");
 *     other.stream("Hi").collect().asList().await().indefinitely();
 *     Map&lt;String, UsageMetadata&gt; usage = scope.usageByModel();
 * }
 * </pre>
 *
 * A call joins the scopes that are open when it is started, so asynchronous calls started inside the scope report to
 * it even when they complete elsewhere. Scopes nest: an inner scope's calls also count in the outer scopes.
 */
public final class UsageScope implements AutoCloseable {

    private static final ThreadLocal<List<UsageScope>> OPEN = ThreadLocal.withInitial(ArrayList::new);

    private final UsageCallback callback = new UsageCallback();

    private UsageScope() {
    }

    public static UsageScope open() {
        UsageScope scope = new UsageScope();
        OPEN.get().add(scope);
        return scope;
    }

    /** The callbacks of the scopes open on this thread, for a call that is starting. */
    public static List<ChatCallback> activeCallbacks() {
        List<UsageScope> scopes = OPEN.get();
        if (scopes.isEmpty()) {
            return List.of();
        }
        List<ChatCallback> callbacks = new ArrayList<>(scopes.size());
        scopes.forEach(s -> callbacks.add(s.callback));
        return callbacks;
    }

    public Map<String, UsageMetadata> usageByModel() {
        return callback.usageByModel();
    }

    public UsageMetadata total() {
        return callback.total();
    }

    @Override
    public void close() {
        List<UsageScope> scopes = OPEN.get();
        scopes.remove(this);
        if (scopes.isEmpty()) {
            OPEN.remove();
        }
    }
}
