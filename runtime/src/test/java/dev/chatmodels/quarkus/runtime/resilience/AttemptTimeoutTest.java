package dev.chatmodels.quarkus.runtime.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;

/** Exact timer counts on fake timers: no real time passes. */
class AttemptTimeoutTest {

    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Boolean> cancelled = new ArrayList<>();
    private final AttemptTimeout timeout = new AttemptTimeout(Duration.ofSeconds(5), (delayNanos, task) -> {
        assertEquals(Duration.ofSeconds(5).toNanos(), delayNanos);
        int index = scheduled.size();
        scheduled.add(task);
        cancelled.add(false);
        return () -> cancelled.set(index, true);
    });
    private final AtomicReference<UniEmitter<? super String>> attempt = new AtomicReference<>();
    private final AtomicBoolean attemptCancelled = new AtomicBoolean();
    private final List<Cancellable> started = new ArrayList<>();

    @Test
    void anAnswerInTimeStopsTheAttemptsOneTimer() {
        UniAssertSubscriber<String> caller = subscribe();
        assertEquals(1, scheduled.size());
        assertEquals(1, started.size());

        attempt.get().complete("answer");

        caller.assertItem("answer");
        assertTrue(cancelled.get(0), "the timer is stopped");
    }

    @Test
    void noAnswerInTimeFailsTheCallAndCancelsTheAttempt() {
        UniAssertSubscriber<String> caller = subscribe();

        scheduled.get(0).run();

        caller.assertFailedWith(TimeoutException.class, "late");
        assertTrue(attemptCancelled.get(), "the attempt given up on is cancelled");
        attempt.get().complete("too late");
        caller.assertFailedWith(TimeoutException.class, "late");
    }

    @Test
    void cancellingTheCallCancelsTheAttemptAndStopsTheTimer() {
        subscribe();

        started.get(0).cancel();

        assertTrue(attemptCancelled.get());
        assertTrue(cancelled.get(0));
    }

    private UniAssertSubscriber<String> subscribe() {
        Uni<String> answer = Uni.createFrom().<String> emitter(attempt::set)
                .onCancellation().invoke(() -> attemptCancelled.set(true));
        return timeout.apply(answer, () -> new TimeoutException("late"), started::add).subscribe()
                .withSubscriber(UniAssertSubscriber.create());
    }
}
