package dev.chatmodels.quarkus.deployment.bench;

/** The text of one stream as it arrives, with the time its first non-empty piece came. */
final class StreamedText {

    private final long startNanos;
    private final StringBuilder text = new StringBuilder();
    private long firstTextNanos = -1;

    /** A stream started at {@code startNanos} ({@link System#nanoTime()}). */
    StreamedText(long startNanos) {
        this.startNanos = startNanos;
    }

    void add(String delta) {
        if (firstTextNanos < 0 && !delta.isEmpty()) {
            firstTextNanos = System.nanoTime() - startNanos;
        }
        text.append(delta);
    }

    /** The outcome of the stream, which ends now. */
    CallOutcome end() {
        return new CallOutcome(text.toString(), firstTextNanos, System.nanoTime() - startNanos);
    }
}
