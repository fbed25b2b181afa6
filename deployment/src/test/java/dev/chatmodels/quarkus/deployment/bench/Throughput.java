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
 * call as soon as its previous one ends, until the time is up.
 */
final class Throughput {

    private static final int ROUNDS = 3;

    private Throughput() {
    }

    /**
     * Warms each call up for {@code warmUp}, then measures each for {@code duration} in all, in turns of rotating order
     * as {@link Latency} does; calls per second keyed like {@code calls}.
     */
    static Map<String, Double> measure(Map<String, TimedCall> calls, int concurrency, Duration warmUp,
            Duration duration) {
        calls.values().forEach(call -> run(call, concurrency, warmUp));
        Map<String, Run> totals = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(calls.keySet());
        for (int round = 0; round < ROUNDS; round++) {
            for (String name : order) {
                totals.merge(name, run(calls.get(name), concurrency, duration.dividedBy(ROUNDS)), Run::plus);
            }
            Collections.rotate(order, 1);
        }
        Map<String, Double> perSecond = new LinkedHashMap<>();
        calls.keySet().forEach(name -> perSecond.put(name, totals.get(name).perSecond()));
        return perSecond;
    }

    /** Runs the lanes for {@code duration}, then waits for the calls in flight to end. */
    static Run run(TimedCall call, int concurrency, Duration duration) {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        AtomicLong completed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch lanes = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            lane(call, deadline, completed, failure, lanes);
        }
        try {
            if (!lanes.await(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Calls still running 30 s after the end of the throughput run");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("A call failed during the throughput run", failure.get());
        }
        return new Run(completed.get(), elapsed);
    }

    private static void lane(TimedCall call, long deadline, AtomicLong completed, AtomicReference<Throwable> failure,
            CountDownLatch lanes) {
        call.start().whenComplete((outcome, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
                lanes.countDown();
                return;
            }
            completed.incrementAndGet();
            if (System.nanoTime() < deadline && failure.get() == null) {
                lane(call, deadline, completed, failure, lanes);
            } else {
                lanes.countDown();
            }
        });
    }

    /** The calls completed in a run and the nanoseconds from its start until the last one ended. */
    record Run(long calls, long nanos) {

        Run plus(Run other) {
            return new Run(calls + other.calls, nanos + other.nanos);
        }

        double perSecond() {
            return calls * 1e9 / nanos;
        }
    }
}
