package dev.chatmodels.resilience;

import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.chatmodels.error.ProviderConnectionException;
import dev.chatmodels.error.ProviderException;
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

    /**
     * Whether another attempt of a failed call may succeed: a provider error that says so
     * ({@link ProviderException#isRetryable()}: rate limits, 5xx, 529, 408, 409, but not quota errors or other 4xx),
     * a connection failure or a timeout.
     */
    static boolean isRetryable(Throwable failure) {
        return failure instanceof ProviderException provider ? provider.isRetryable()
                : failure instanceof ProviderConnectionException || failure instanceof TimeoutException
                        || failure instanceof io.smallrye.mutiny.TimeoutException;
    }

    <T> Multi<T> guardStream(Supplier<Multi<T>> stream);
}
