package dev.chatmodels.quarkus.deployment.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes calls with a fixed number in flight: each of {@code concurrency} lanes starts its next call as soon as its
 * previous one ends, until the time is up or the calls are made. A failed call is counted, not retried, and its lane
 * goes on.
 */
final class Throughput {

    private Throughput() {
    }

    /** Runs the lanes for {@code duration}, then waits for the calls in flight to end. */
    static Run run(TimedCall call, int concurrency, Duration duration) {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        CountDownLatch lanes = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            lane(call, deadline, completed, failed, firstFailure, lanes);
        }
        try {
            if (!lanes.await(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Calls still running 30 s after the end of the throughput run");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (completed.get() == 0) {
            throw new IllegalStateException("Every call failed during the throughput run", firstFailure.get());
        }
        return new Run(completed.get(), failed.get(), System.nanoTime() - start, firstFailure.get());
    }

    /** Makes {@code calls} calls, {@code concurrency} at a time; the run's time is the wall time of them all. */
    static Run fixed(TimedCall call, int concurrency, int calls) {
        long start = System.nanoTime();
        AtomicLong left = new AtomicLong(calls);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        CountDownLatch lanes = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            countedLane(call, left, completed, failed, firstFailure, lanes);
        }
        try {
            if (!lanes.await(calls + 30L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Calls still running long after they should have ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Run(completed.get(), failed.get(), System.nanoTime() - start, firstFailure.get());
    }

    private static void countedLane(TimedCall call, AtomicLong left, AtomicLong completed, AtomicLong failed,
            AtomicReference<Throwable> firstFailure, CountDownLatch lanes) {
        if (left.getAndDecrement() <= 0) {
            lanes.countDown();
            return;
        }
        call.start().whenComplete((outcome, error) -> {
            if (error == null) {
                completed.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, error);
            }
            countedLane(call, left, completed, failed, firstFailure, lanes);
        });
    }

    private static void lane(TimedCall call, long deadline, AtomicLong completed, AtomicLong failed,
            AtomicReference<Throwable> firstFailure, CountDownLatch lanes) {
        call.start().whenComplete((outcome, error) -> {
            if (error == null) {
                completed.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, error);
            }
            if (System.nanoTime() < deadline) {
                lane(call, deadline, completed, failed, firstFailure, lanes);
            } else {
                lanes.countDown();
            }
        });
    }

    /**
     * Calls completed and failed in a run, the nanoseconds from its start until the last one ended, and the first
     * failure, if any.
     */
    record Run(long calls, long failures, long nanos, Throwable firstFailure) {

        Run plus(Run other) {
            return new Run(calls + other.calls, failures + other.failures, nanos + other.nanos,
                    firstFailure != null ? firstFailure : other.firstFailure);
        }
    }
}
