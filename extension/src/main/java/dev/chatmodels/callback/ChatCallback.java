package dev.chatmodels.callback;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ToolCall;

/**
 * Receives the events of model calls. Methods are called on the thread that produced the event (possibly an I/O
 * thread): implementations must be quick, thread-safe and must not block. An exception thrown by a callback is logged
 * and ignored; it never fails the call.
 * <p>
 * Every call ends with exactly one of {@link #onEnd}, {@link #onError} and {@link #onCancel}, so a callback that keeps
 * per-call state (a timer, a span) can always release it.
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

    /**
     * The call's HTTP request is built (once per call: retries resend it): a callback may add headers to it, e.g. the
     * trace context of the call's span. The headers are sent to the provider: never put secrets or prompt text in them.
     */
    default void onRequest(RunInfo run, BiConsumer<String, String> headers) {
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

    /** The caller cancelled a call before it ended (for streams: stopped reading it). */
    default void onCancel(RunInfo run) {
    }

    /**
     * The model's rate limiter admitted the call after {@code waited} (zero when a permit was at hand); only for models
     * with a rate limiter.
     */
    default void onRateLimiterWait(RunInfo run, Duration waited) {
    }

    /**
     * The call guard sends the call again after a failed attempt; {@code attempt} is the number of the new attempt (2
     * for the first retry), {@code failure} what the previous attempt failed with, {@code null} when the guard gave up
     * on the attempt itself (its timeout).
     */
    default void onRetry(RunInfo run, int attempt, Throwable failure) {
    }

    /**
     * A tool loop starts; {@code run} is the loop's own run. Every model call and tool run of the loop has the loop's
     * run id in its metadata under {@link dev.chatmodels.tool.ToolLoop#RUN_ID_METADATA}, so a callback can relate
     * them to the loop even when they happen on other threads.
     */
    default void onToolLoopStart(RunInfo run, List<Message> messages) {
    }

    /** A tool loop ended: with its answer, failed or cancelled. */
    default void onToolLoopEnd(RunInfo run) {
    }

    /**
     * A tool loop runs a tool the model asked for; {@code run} is the tool's own run (a new id, the loop's tags and
     * metadata, the model that asked).
     */
    default void onToolStart(RunInfo run, ToolCall call) {
    }

    /**
     * A tool the model asked for answered; a tool that failed, or whose run the loop's caller cancelled, answers with
     * {@link ToolMessage.Status#ERROR}.
     */
    default void onToolEnd(RunInfo run, ToolCall call, ToolMessage result) {
    }
}
