package dev.chatmodels.quarkus.runtime.resilience;

import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.AbstractMultiOperator;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.smallrye.mutiny.subscription.SerializedSubscriber;

/**
 * Fails a stream that sends nothing for longer than a timeout, with one timer per stream rather than one per item
 * (Mutiny's {@code ifNoItem} schedules and cancels a timer for every item). Each item only records the time; when the
 * timer fires it fails the stream if the last item is older than the timeout, or else sets itself for when it would be.
 * The time from subscribing to the first item counts as a pause too.
 */
final class IdleTimeout {

    private final long timeoutNanos;
    private final Timers timers;
    private final LongSupplier clock;

    IdleTimeout(Duration timeout, Timers timers, LongSupplier clock) {
        this.timeoutNanos = timeout.toNanos();
        this.timers = timers;
        this.clock = clock;
    }

    /** {@code stream}, failing with {@code failure} after a pause longer than the timeout and cancelling it. */
    <T> Multi<T> apply(Multi<T> stream, Supplier<Throwable> failure) {
        return new AbstractMultiOperator<T, T>(stream) {
            @Override
            public void subscribe(MultiSubscriber<? super T> downstream) {
                upstream.subscribe().withSubscriber(new Watch<T>(new SerializedSubscriber<>(downstream), failure));
            }
        };
    }

    private final class Watch<T> implements MultiSubscriber<T>, Flow.Subscription {

        private final MultiSubscriber<? super T> downstream;
        private final Supplier<Throwable> failure;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Flow.Subscription upstream;
        private volatile long lastActivity;
        private volatile Cancellable timer;

        Watch(MultiSubscriber<? super T> downstream, Supplier<Throwable> failure) {
            this.downstream = downstream;
            this.failure = failure;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            lastActivity = clock.getAsLong();
            setTimer(timeoutNanos);
            downstream.onSubscribe(this);
        }

        @Override
        public void onItem(T item) {
            if (!done.get()) {
                lastActivity = clock.getAsLong();
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
        public void onCompletion() {
            if (done.compareAndSet(false, true)) {
                stopTimer();
                downstream.onCompletion();
            }
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            if (done.compareAndSet(false, true)) {
                stopTimer();
                upstream.cancel();
            }
        }

        private void check() {
            if (done.get()) {
                return;
            }
            long idle = clock.getAsLong() - lastActivity;
            if (idle < timeoutNanos) {
                setTimer(timeoutNanos - idle);
            } else if (done.compareAndSet(false, true)) {
                upstream.cancel();
                downstream.onFailure(failure.get());
            }
        }

        private void setTimer(long delayNanos) {
            timer = timers.schedule(delayNanos, this::check);
            // the stream may have ended while the timer was being set
            if (done.get()) {
                stopTimer();
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
