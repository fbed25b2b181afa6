package dev.chatmodels.quarkus.runtime.transport;

import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.http.HttpClientRequest;

/**
 * The HTTP request of one call, so that a caller giving up on the call (cancelling, or timing out) resets it, which
 * closes its connection: a connection in the middle of an answer cannot serve another request. An answer read to its
 * end leaves the connection in the pool, however late the caller gives up.
 */
final class PendingRequest {

    private static final Object FINISHED = new Object();
    private static final Object CANCELLED = new Object();

    /** {@code null} before the request is made, then the request, then {@link #FINISHED} or {@link #CANCELLED}. */
    private final AtomicReference<Object> state = new AtomicReference<>();

    /** Records the request made; resets it and returns {@code false} if the caller gave up meanwhile. */
    boolean made(HttpClientRequest request) {
        if (state.compareAndSet(null, request)) {
            return true;
        }
        request.reset();
        return false;
    }

    /** The answer was read to its end: the connection goes back to the pool. */
    void finished() {
        state.set(FINISHED);
    }

    /** The caller gave up: resets the request if it was made and its answer is not read yet. */
    void cancel() {
        Object previous = state.getAndUpdate(current -> current == FINISHED ? FINISHED : CANCELLED);
        if (previous instanceof HttpClientRequest request) {
            request.reset();
        }
    }

    boolean isCancelled() {
        return state.get() == CANCELLED;
    }

    /** Neither read to its end nor given up. */
    boolean isOpen() {
        Object current = state.get();
        return current != FINISHED && current != CANCELLED;
    }
}
