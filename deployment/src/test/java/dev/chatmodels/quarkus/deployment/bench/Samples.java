package dev.chatmodels.quarkus.deployment.bench;

import java.util.Arrays;

/**
 * The outcomes of a series of calls: time to first text and total time of each, in nanoseconds, and what the client
 * threads cost over the series.
 */
final class Samples {

    private final long[] firstText;
    private final long[] total;
    private int count;
    private ThreadCost.Cost cost = ThreadCost.Cost.NONE;

    Samples(int capacity) {
        this.firstText = new long[capacity];
        this.total = new long[capacity];
    }

    void add(CallOutcome outcome) {
        firstText[count] = outcome.firstTextNanos();
        total[count] = outcome.totalNanos();
        count++;
    }

    void add(ThreadCost.Cost more) {
        cost = cost.plus(more);
    }

    Percentiles firstText() {
        return Percentiles.of(Arrays.copyOf(firstText, count));
    }

    Percentiles total() {
        return Percentiles.of(Arrays.copyOf(total, count));
    }

    /** Client CPU nanoseconds per call. */
    double cpuPerCall() {
        return (double) cost.cpuNanos() / count;
    }

    /** Bytes allocated by the client threads per call. */
    double allocatedPerCall() {
        return (double) cost.allocatedBytes() / count;
    }

    /** The median and 90th percentile of a series, in nanoseconds. */
    record Percentiles(long median, long p90) {

        static Percentiles of(long[] values) {
            if (values.length == 0) {
                throw new IllegalStateException("No samples");
            }
            Arrays.sort(values);
            return new Percentiles(values[values.length / 2], values[(int) Math.ceil(values.length * 0.9) - 1]);
        }
    }
}
