package dev.chatmodels.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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

    /** Copy-on-write: a scope may be closed on another thread than the one that opened it. */
    private static final ThreadLocal<List<UsageScope>> OPEN = new ThreadLocal<>();

    private final UsageCallback callback = new UsageCallback();
    private final List<UsageScope> openOn;

    private UsageScope(List<UsageScope> openOn) {
        this.openOn = openOn;
    }

    /** Opens a scope on this thread; close it (on any thread) to stop it from joining new calls. */
    public static UsageScope open() {
        List<UsageScope> scopes = OPEN.get();
        if (scopes == null) {
            scopes = new CopyOnWriteArrayList<>();
            OPEN.set(scopes);
        }
        UsageScope scope = new UsageScope(scopes);
        scopes.add(scope);
        return scope;
    }

    /** The callbacks of the scopes open on this thread, for a call that is starting. */
    public static List<ChatCallback> activeCallbacks() {
        List<UsageScope> scopes = OPEN.get();
        if (scopes == null || scopes.isEmpty()) {
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
        openOn.remove(this);
        if (openOn.isEmpty() && OPEN.get() == openOn) {
            OPEN.remove();
        }
    }
}
