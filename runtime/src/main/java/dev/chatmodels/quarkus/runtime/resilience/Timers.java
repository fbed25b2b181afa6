package dev.chatmodels.quarkus.runtime.resilience;

import java.util.concurrent.TimeUnit;

import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;

/** Runs a task after a delay: the timeouts of calls and streams. */
interface Timers {

    Cancellable schedule(long delayNanos, Runnable task);

    /**
     * Vert.x timers: set on an event loop (where answers arrive), setting and cancelling one takes no lock and wakes no
     * other thread. Mutiny's own timeouts use one shared scheduler thread whose cancelled tasks stay queued until their
     * time: under load every call paid for its lock and its wake-ups.
     */
    static Timers vertx(Vertx vertx) {
        return (delayNanos, task) -> {
            long id = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos)), fired -> task.run());
            return () -> vertx.cancelTimer(id);
        };
    }
}
