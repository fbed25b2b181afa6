package dev.chatmodels.quarkus.deployment.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Measures the latency of calls made one at a time. The calls under comparison take turns, in blocks whose order
 * rotates, so that a slow patch of the (shared) machine hits all of them alike instead of whichever ran then.
 */
final class Latency {

    private static final int ROUNDS = 10;

    private Latency() {
    }

    /**
     * Runs each call {@code warmUp} times, then {@code iterations} measured times; samples, with what each measured
     * block cost the client threads, keyed like {@code calls}.
     */
    static Map<String, Samples> measure(Map<String, TimedCall> calls, int warmUp, int iterations, ThreadCost cost) {
        calls.forEach((name, call) -> run(name, call, warmUp, null));
        Map<String, Samples> samples = new LinkedHashMap<>();
        calls.keySet().forEach(name -> samples.put(name, new Samples(iterations)));
        List<String> order = new ArrayList<>(calls.keySet());
        for (int round = 0; round < ROUNDS; round++) {
            int block = iterations / ROUNDS + (round < iterations % ROUNDS ? 1 : 0);
            for (String name : order) {
                ThreadCost.Reading before = cost.read();
                run(name, calls.get(name), block, samples.get(name));
                samples.get(name).add(cost.between(before, cost.read()));
            }
            Collections.rotate(order, 1);
        }
        return samples;
    }

    /** Makes {@code times} calls one after another, recording them into {@code samples} unless it is {@code null}. */
    private static void run(String name, TimedCall call, int times, Samples samples) {
        for (int i = 0; i < times; i++) {
            CallOutcome outcome = await(name, call);
            if (samples != null) {
                samples.add(outcome);
            }
        }
    }

    /** The outcome of one call of {@code name}, named in the error when it fails. */
    static CallOutcome await(String name, TimedCall call) {
        try {
            return call.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("A call of the " + name + " client failed", e);
        }
    }
}
