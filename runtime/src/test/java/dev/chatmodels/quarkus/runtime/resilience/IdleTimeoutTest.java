package dev.chatmodels.quarkus.runtime.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;

/** Exact timer counts on a fake clock: no real time passes. */
class IdleTimeoutTest {

    private static final long SECOND = 1_000_000_000L;

    private final FakeTimers timers = new FakeTimers();
    private final IdleTimeout idleTimeout = new IdleTimeout(Duration.ofSeconds(10), timers, () -> timers.now);
    private final UnicastProcessor<String> source = UnicastProcessor.create();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    @Test
    void setsOneTimerPerStreamNotOnePerItem() {
        AssertSubscriber<String> reader = subscribe();
        for (int i = 1; i <= 9; i++) {
            timers.now = i * SECOND;
            source.onNext("item " + i);
        }
        assertEquals(1, timers.scheduled.size());
        assertEquals(10 * SECOND, timers.scheduled.get(0).delayNanos);

        // fires 10 s after subscribing, 1 s after the last item: sets itself for 9 s later
        timers.now = 10 * SECOND;
        timers.fire(0);
        assertEquals(2, timers.scheduled.size());
        assertEquals(9 * SECOND, timers.scheduled.get(1).delayNanos);
        reader.assertNotTerminated();

        source.onComplete();
        reader.assertCompleted().assertItems("item 1", "item 2", "item 3", "item 4", "item 5", "item 6", "item 7",
                "item 8", "item 9");
        assertTrue(timers.scheduled.get(1).cancelled, "ending the stream stops its timer");
    }

    @Test
    void failsAndCancelsTheStreamAfterAPauseLongerThanTheTimeout() {
        AssertSubscriber<String> reader = subscribe();
        timers.now = 4 * SECOND;
        source.onNext("only");
        timers.now = 10 * SECOND;
        timers.fire(0);
        timers.now = 14 * SECOND;
        timers.fire(1);

        reader.assertFailedWith(TimeoutException.class, "idle");
        assertEquals(List.of("only"), reader.getItems());
        assertTrue(cancelled.get(), "the silent stream is cancelled");
        assertEquals(2, timers.scheduled.size());
    }

    @Test
    void cancellingTheStreamStopsItsTimer() {
        AssertSubscriber<String> reader = subscribe();
        reader.cancel();
        assertTrue(timers.scheduled.get(0).cancelled);
        assertTrue(cancelled.get());
    }

    private AssertSubscriber<String> subscribe() {
        return idleTimeout.apply(source.onCancellation().invoke(() -> cancelled.set(true)),
                () -> new TimeoutException("idle")).subscribe().withSubscriber(AssertSubscriber.create(100));
    }

    private static final class FakeTimers implements Timers {
        long now;
        final List<Timer> scheduled = new ArrayList<>();

        @Override
        public Cancellable schedule(long delayNanos, Runnable task) {
            Timer timer = new Timer(delayNanos, task);
            scheduled.add(timer);
            return () -> timer.cancelled = true;
        }

        void fire(int index) {
            Timer timer = scheduled.get(index);
            assertFalse(timer.cancelled, "timer " + index + " was cancelled");
            timer.task.run();
        }
    }

    private static final class Timer {
        final long delayNanos;
        final Runnable task;
        boolean cancelled;

        Timer(long delayNanos, Runnable task) {
            this.delayNanos = delayNanos;
            this.task = task;
        }
    }
}
