package dev.chatmodels.quarkus.runtime.resilience;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.chatmodels.error.CircuitOpenException;
import dev.chatmodels.error.ProviderTimeoutException;
import dev.chatmodels.quarkus.runtime.config.CircuitBreakerConfig;
import dev.chatmodels.quarkus.runtime.config.ModelConfig;
import dev.chatmodels.resilience.CallGuard;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;

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
    private final Duration streamIdleTimeout;
    private final AttemptTimeout attemptTimeout;
    private final Supplier<Throwable> timedOut;
    private final IdleTimeout streamIdle;
    /** The circuit breaker's state, {@code null} without a circuit breaker. */
    private final AtomicReference<CircuitBreakerState> breakerState;

    private ModelCallGuard(String model, Guard guard, AtomicReference<CircuitBreakerState> breakerState,
            Duration timeout, Duration streamIdleTimeout, Timers timers) {
        this.model = model;
        this.guard = guard;
        this.breakerState = breakerState;
        this.streamIdleTimeout = streamIdleTimeout;
        this.attemptTimeout = new AttemptTimeout(timeout, timers);
        this.timedOut = () -> ProviderTimeoutException.noAnswerWithin(model, timeout);
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
        AtomicReference<CircuitBreakerState> breakerState = null;
        if (breaker.enabled()) {
            breakerState = new AtomicReference<>(CircuitBreakerState.CLOSED);
            builder.withCircuitBreaker()
                    .onStateChange(breakerState::set)
                    .requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(breaker.successThreshold())
                    // errors of the caller's own making (400, 401, quota) say nothing about the provider's health
                    .when(CallGuard::isRetryable)
                    .done();
        }
        return new ModelCallGuard(model, builder.build(), breakerState, config.timeout(), config.streamIdleTimeout(),
                timers);
    }

    /** The state of the circuit breaker, empty when the model has none. */
    Optional<CircuitBreakerState> circuitBreakerState() {
        return breakerState == null ? Optional.empty() : Optional.of(breakerState.get());
    }

    /**
     * Written as one operator of our own rather than a chain of Mutiny operators: Mutiny wraps every callback it is given
     * for context propagation, which costs on every call.
     */
    @Override
    public <T> Uni<T> guard(Supplier<Uni<T>> call) {
        return new AbstractUni<T>() {
            @Override
            public void subscribe(UniSubscriber<? super T> downstream) {
                InFlight<T> inFlight = new InFlight<>(downstream, call);
                AbstractUni.subscribe(guarded(inFlight::attempt), inFlight);
            }
        };
    }

    @Override
    public <T> Multi<T> guardStream(Supplier<Multi<T>> stream) {
        return this.<Multi<T>> guard(() -> StreamStart.firstItemOf(stream.get()))
                .onItem().transformToMulti(rest -> streamIdle.apply(rest, () -> new ProviderTimeoutException("The chat model "
                        + model + " stream sent nothing for " + streamIdleTimeout.toMillis() + " ms (stream-idle-timeout)")));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private <T> Uni<T> guarded(Supplier<Uni<T>> attempt) {
        return (Uni<T>) guard.get((Supplier) attempt, (Class) Uni.class);
    }

    @Override
    public String toString() {
        return "ModelCallGuard[" + model + "]";
    }

    /**
     * One call: it makes the attempts the guard asks for and delivers the guard's outcome. It keeps the attempt in
     * flight, so that cancelling the call cancels it and stops further retries: SmallRye Fault Tolerance does not pass
     * cancellation on to the attempts it subscribes to.
     */
    private final class InFlight<T> implements UniSubscriber<T>, UniSubscription {
        private final UniSubscriber<? super T> downstream;
        private final Supplier<Uni<T>> call;
        private volatile boolean cancelled;
        private volatile Cancellable current;
        private volatile UniSubscription upstream;

        InFlight(UniSubscriber<? super T> downstream, Supplier<Uni<T>> call) {
            this.downstream = downstream;
            this.call = call;
        }

        Uni<T> attempt() {
            if (cancelled) {
                return Uni.createFrom().failure(new CancellationException("The call was cancelled"));
            }
            return attemptTimeout.apply(call.get(), timedOut, this::started);
        }

        private void started(Cancellable attempt) {
            current = attempt;
            if (cancelled) {
                attempt.cancel();
            }
        }

        @Override
        public void onSubscribe(UniSubscription subscription) {
            upstream = subscription;
            downstream.onSubscribe(this);
        }

        @Override
        public void onItem(T item) {
            downstream.onItem(item);
        }

        @Override
        public void onFailure(Throwable failure) {
            downstream.onFailure(failure instanceof CircuitBreakerOpenException open ? new CircuitOpenException(
                    "The chat model " + model + " is not called for now: its circuit breaker is open after too many failures",
                    open) : failure);
        }

        @Override
        public void cancel() {
            cancelled = true;
            Cancellable attempt = current;
            if (attempt != null) {
                attempt.cancel();
            }
            upstream.cancel();
        }
    }
}
