package dev.chatmodels.callback;

import java.util.List;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.Message;

/**
 * Receives the events of model calls. Methods are called on the thread that produced the event (possibly an I/O
 * thread): implementations must be quick, thread-safe and must not block. An exception thrown by a callback is logged
 * and ignored; it never fails the call.
 */
public interface ChatCallback {

    /**
     * Whether this callback wants the tokens of every call it hears: then an {@code invoke} streams underneath, reports
     * each chunk to {@link #onToken}, and returns the same message (the reference's auto-streaming).
     */
    default boolean wantsTokens() {
        return false;
    }

    /** A call starts, before the request is sent. */
    default void onStart(RunInfo run, List<Message> messages) {
    }

    /** A streamed call received a chunk; {@code token} is its text (possibly empty, e.g. for tool-call chunks). */
    default void onToken(RunInfo run, String token, AIMessageChunk chunk) {
    }

    /** A call ended with a message (for streams: the sum of the chunks). */
    default void onEnd(RunInfo run, AIMessage message) {
    }

    /** A call failed. */
    default void onError(RunInfo run, Throwable error) {
    }
}
