package dev.chatmodels.quarkus.deployment.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures calls per second with a fixed number of calls in flight: each of {@code concurrency} lanes starts its next
 * call as soon as its previous one ends, until the time is up. A failed call is counted, not retried, and its lane goes
 * on.
 */
final class Throughput {

    private static final int ROUNDS = 3;

    private Throughput() {
    }

    /**
     * Warms each call up for {@code warmUp}, then measures each for {@code duration} in all, in turns of rotating order
     * as {@link Latency} does; results keyed like {@code calls}.
     */
    static Map<String, Load> measure(Map<String, TimedCall> calls, int concurrency, Duration warmUp, Duration duration) {
        Map<String, Run> warmUps = new LinkedHashMap<>();
        calls.forEach((name, call) -> warmUps.put(name, run(call, concurrency, warmUp)));
        Map<String, Run> runs = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(calls.keySet());
        for (int round = 0; round < ROUNDS; round++) {
            for (String name : order) {
                runs.merge(name, run(calls.get(name), concurrency, duration.dividedBy(ROUNDS)), Run::plus);
            }
            Collections.rotate(order, 1);
        }
        Map<String, Load> loads = new LinkedHashMap<>();
        runs.forEach((name, run) -> loads.put(name, new Load(run.perSecond(), run.plus(warmUps.get(name)))));
        return loads;
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

        /** Completed calls per second. */
        double perSecond() {
            return calls * 1e9 / nanos;
        }
    }

    /** The measured calls per second of one call, and all its runs, warm-up included. */
    record Load(double perSecond, Run all) {
    }
}
