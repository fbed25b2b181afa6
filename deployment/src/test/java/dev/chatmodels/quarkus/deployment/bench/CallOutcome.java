package dev.chatmodels.quarkus.deployment.bench;

/**
 * One measured call: the text it delivered, the time to its first non-empty text (the whole call for an invoke) and
 * to its end, both from the moment the call was started.
 */
record CallOutcome(String text, long firstTextNanos, long totalNanos) {

    static CallOutcome whole(String text, long startNanos) {
        long total = System.nanoTime() - startNanos;
        return new CallOutcome(text, total, total);
    }
}
