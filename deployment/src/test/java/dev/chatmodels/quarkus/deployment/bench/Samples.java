package dev.chatmodels.quarkus.deployment.bench;

import java.util.Arrays;

/** The outcomes of a series of calls: time to first text and total time of each, in nanoseconds. */
final class Samples {

    private final long[] firstText;
    private final long[] total;
    private int count;

    Samples(int capacity) {
        this.firstText = new long[capacity];
        this.total = new long[capacity];
    }

    void add(CallOutcome outcome) {
        firstText[count] = outcome.firstTextNanos();
        total[count] = outcome.totalNanos();
        count++;
    }

    Percentiles firstText() {
        return Percentiles.of(Arrays.copyOf(firstText, count));
    }

    Percentiles total() {
        return Percentiles.of(Arrays.copyOf(total, count));
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
