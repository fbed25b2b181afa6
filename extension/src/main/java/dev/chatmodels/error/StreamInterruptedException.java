package dev.chatmodels.error;

import dev.chatmodels.message.AIMessageChunk;

/**
 * A stream failed after chunks had reached the caller. It is not retried (that would repeat text the caller already
 * has); {@link #received()} is the sum of what arrived before the failure.
 */
public class StreamInterruptedException extends ChatModelException {

    private final transient AIMessageChunk received;

    public StreamInterruptedException(String message, AIMessageChunk received, Throwable cause) {
        super(message, cause);
        this.received = received;
    }

    public AIMessageChunk received() {
        return received;
    }
}
