package dev.chatmodels.resilience;

import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Wraps each model call with retries, timeouts and circuit breaking. {@code call} creates a fresh attempt each time it
 * is invoked. A stream may only be retried before its first item reached the caller.
 */
public interface CallGuard {

    /** No retries, no timeouts. */
    CallGuard NONE = new CallGuard() {
        @Override
        public <T> Uni<T> guard(Supplier<Uni<T>> call) {
            return Uni.createFrom().deferred(call::get);
        }

        @Override
        public <T> Multi<T> guardStream(Supplier<Multi<T>> stream) {
            return Multi.createFrom().deferred(stream::get);
        }
    };

    <T> Uni<T> guard(Supplier<Uni<T>> call);

    <T> Multi<T> guardStream(Supplier<Multi<T>> stream);
}
