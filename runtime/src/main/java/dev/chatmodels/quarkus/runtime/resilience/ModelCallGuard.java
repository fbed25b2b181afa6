package dev.chatmodels.quarkus.runtime.resilience;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.chatmodels.error.CircuitOpenException;
import dev.chatmodels.error.ProviderTimeoutException;
import dev.chatmodels.quarkus.runtime.config.CircuitBreakerConfig;
import dev.chatmodels.quarkus.runtime.config.ModelConfig;
import dev.chatmodels.resilience.CallGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * One model's guard: retries with backoff and {@code retry-after} and the circuit breaker come from a SmallRye Fault
 * Tolerance {@link Guard}; timeouts are our own ({@link AttemptTimeout}, {@link IdleTimeout}) on Vert.x timers, applied
 * to each attempt.
 * <p>
 * Why not SmallRye's own timeout: SmallRye subscribes to each attempt's {@code Uni} and drops the subscription, so its
 * timeout cannot cancel the HTTP request of a late attempt, nor can cancelling the call reach the attempt in flight.
 * Our timeout cancels the request it gives up on, and each call keeps its attempt in flight so that cancelling the
 * call cancels it and stops further retries.
 * <p>
 * A stream is guarded until its first item: opening it and waiting for the first item is one attempt, timed out by
 * {@code timeout}, retried and counted by the circuit breaker like a plain call. After the first item the stream is
 * never retried (the caller already has part of it); a pause longer than {@code stream-idle-timeout} between two items
 * fails it with a {@link ProviderTimeoutException}, checked by one timer per stream ({@link IdleTimeout}).
 */
final class ModelCallGuard implements CallGuard {

    private final String model;
    private final Guard guard;
    private final Duration timeout;
    private final Duration streamIdleTimeout;
    private final AttemptTimeout attemptTimeout;
    private final IdleTimeout streamIdle;

    private ModelCallGuard(String model, Guard guard, Duration timeout, Duration streamIdleTimeout, Timers timers) {
        this.model = model;
        this.guard = guard;
        this.timeout = timeout;
        this.streamIdleTimeout = streamIdleTimeout;
        this.attemptTimeout = new AttemptTimeout(timeout, timers);
        this.streamIdle = new IdleTimeout(streamIdleTimeout, timers, System::nanoTime);
    }

    /** The guard of the model called {@code model} in error messages, its timeouts on {@code timers}. */
    static ModelCallGuard create(String model, ModelConfig config, Timers timers) {
        Guard.Builder builder = Guard.create().withDescription("chat model " + model).withThreadOffload(false);
        if (config.maxRetries() > 0) {
            Duration first = config.retryBackoff();
            Duration max = config.maxRetryDelay();
            builder.withRetry()
                    .maxRetries(config.maxRetries())
                    .delay(first.toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    // the retry count and max-retry-delay bound the wait; SmallRye's default of 3 minutes would not
                    .maxDuration(0, ChronoUnit.MILLIS)
                    .whenException(CallGuard::isRetryable)
                    .withCustomBackoff().strategy(() -> new RetryDelay(first, max)).done()
                    .done();
        }
        CircuitBreakerConfig breaker = config.circuitBreaker();
        if (breaker.enabled()) {
            builder.withCircuitBreaker()
                    .requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(breaker.successThreshold())
                    // errors of the caller's own making (400, 401, quota) say nothing about the provider's health
                    .when(CallGuard::isRetryable)
                    .done();
        }
        return new ModelCallGuard(model, builder.build(), config.timeout(), config.streamIdleTimeout(), timers);
    }

    @Override
    public <T> Uni<T> guard(Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            InFlight inFlight = new InFlight();
            return this.<T> guarded(() -> inFlight.attempt(attemptTimeout.apply(call.get(), () -> new ProviderTimeoutException(
                    "The chat model " + model + " did not answer within " + timeout.toMillis() + " ms (timeout)"))))
                    .onCancellation().invoke(inFlight::cancel);
        });
    }

    @Override
    public <T> Multi<T> guardStream(Supplier<Multi<T>> stream) {
        return this.<Multi<T>> guard(() -> StreamStart.firstItemOf(stream.get()))
                .onItem().transformToMulti(rest -> streamIdle.apply(rest, () -> new ProviderTimeoutException("The chat model "
                        + model + " stream sent nothing for " + streamIdleTimeout.toMillis() + " ms (stream-idle-timeout)")));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private <T> Uni<T> guarded(Supplier<Uni<T>> attempt) {
        Uni<T> result = (Uni<T>) guard.get((Supplier) attempt, (Class) Uni.class);
        return result.onFailure(CircuitBreakerOpenException.class).transform(open -> new CircuitOpenException(
                "The chat model " + model + " is not called for now: its circuit breaker is open after too many failures",
                open));
    }

    @Override
    public String toString() {
        return "ModelCallGuard[" + model + "]";
    }

    /**
     * The attempt in flight of one call, so that cancelling the call cancels it and stops further retries: SmallRye
     * Fault Tolerance does not pass cancellation on to the attempts it subscribes to.
     */
    private static final class InFlight {
        private volatile boolean cancelled;
        private volatile Cancellable current;

        <T> Uni<T> attempt(Uni<T> attempt) {
            if (cancelled) {
                return Uni.createFrom().failure(new CancellationException("The call was cancelled"));
            }
            return attempt.onSubscription().invoke(subscription -> {
                current = subscription;
                if (cancelled) {
                    subscription.cancel();
                }
            });
        }

        void cancel() {
            cancelled = true;
            Cancellable attempt = current;
            if (attempt != null) {
                attempt.cancel();
            }
        }
    }
}
