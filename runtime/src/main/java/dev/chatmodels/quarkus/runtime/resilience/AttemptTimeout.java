package dev.chatmodels.quarkus.runtime.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;

/**
 * Fails an attempt that has not answered within a timeout, cancelling it (which resets its HTTP request). Like
 * Mutiny's {@code ifNoItem().after(timeout)}, on {@link Timers} of one's choice.
 */
final class AttemptTimeout {

    private final long timeoutNanos;
    private final Timers timers;

    AttemptTimeout(Duration timeout, Timers timers) {
        this.timeoutNanos = timeout.toNanos();
        this.timers = timers;
    }

    /**
     * {@code attempt}, failing with {@code failure} after the timeout; {@code started} receives each subscription to it,
     * which cancels it.
     */
    <T> Uni<T> apply(Uni<T> attempt, Supplier<Throwable> failure, Consumer<Cancellable> started) {
        return new AbstractUni<T>() {
            @Override
            public void subscribe(UniSubscriber<? super T> downstream) {
                AbstractUni.subscribe(attempt, new Watch<T>(downstream, failure, started));
            }
        };
    }

    private final class Watch<T> implements UniSubscriber<T>, UniSubscription {

        private final UniSubscriber<? super T> downstream;
        private final Supplier<Throwable> failure;
        private final Consumer<Cancellable> started;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile UniSubscription upstream;
        private volatile Cancellable timer;

        Watch(UniSubscriber<? super T> downstream, Supplier<Throwable> failure, Consumer<Cancellable> started) {
            this.downstream = downstream;
            this.failure = failure;
            this.started = started;
        }

        @Override
        public void onSubscribe(UniSubscription subscription) {
            upstream = subscription;
            started.accept(this);
            downstream.onSubscribe(this);
            if (!done.get()) {
                timer = timers.schedule(timeoutNanos, this::timedOut);
                // the answer may have come while the timer was being set
                if (done.get()) {
                    timer.cancel();
                }
            }
        }

        @Override
        public void onItem(T item) {
            if (done.compareAndSet(false, true)) {
                stopTimer();
                downstream.onItem(item);
            }
        }

        @Override
        public void onFailure(Throwable error) {
            if (done.compareAndSet(false, true)) {
                stopTimer();
                downstream.onFailure(error);
            }
        }

        @Override
        public void cancel() {
            if (done.compareAndSet(false, true)) {
                stopTimer();
                upstream.cancel();
            }
        }

        private void timedOut() {
            if (done.compareAndSet(false, true)) {
                upstream.cancel();
                downstream.onFailure(failure.get());
            }
        }

        private void stopTimer() {
            Cancellable current = timer;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
