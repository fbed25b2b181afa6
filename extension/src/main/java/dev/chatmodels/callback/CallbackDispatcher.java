package dev.chatmodels.callback;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ToolCall;

/** Delivers one call's events to its callbacks; a failing callback is logged and never fails the call. */
public final class CallbackDispatcher {

    private static final Logger LOG = Logger.getLogger(CallbackDispatcher.class.getName());

    /** A call no callback listens to: it has no run. */
    public static final CallbackDispatcher NONE = new CallbackDispatcher(null, List.of());

    private final RunInfo run;
    private final List<ChatCallback> callbacks;

    public CallbackDispatcher(RunInfo run, List<ChatCallback> callbacks) {
        this.run = run;
        this.callbacks = List.copyOf(callbacks);
    }

    /** The call's run, {@code null} for {@link #NONE}. */
    public RunInfo run() {
        return run;
    }

    /** Whether any callback receives this call's events. */
    public boolean isListening() {
        return !callbacks.isEmpty();
    }

    /** Whether a callback wants the call's tokens (see {@link ChatCallback#wantsTokens()}). */
    public boolean wantsTokens() {
        for (ChatCallback callback : callbacks) {
            if (callback.wantsTokens()) {
                return true;
            }
        }
        return false;
    }

    public void start(List<Message> messages) {
        each(c -> c.onStart(run, messages));
    }

    /** {@code headers} with the headers the callbacks add to the call's request. */
    public Map<String, String> requestHeaders(Map<String, String> headers) {
        if (!isListening()) {
            return headers;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        each(c -> c.onRequest(run, all::put));
        return all.size() == headers.size() ? headers : Map.copyOf(all);
    }

    public void token(AIMessageChunk chunk) {
        if (isListening()) {
            String text = chunk.text();
            each(c -> c.onToken(run, text, chunk));
        }
    }

    public void end(AIMessage message) {
        each(c -> c.onEnd(run, message));
    }

    public void error(Throwable error) {
        each(c -> c.onError(run, error));
    }

    public void cancel() {
        each(c -> c.onCancel(run));
    }

    public void rateLimiterWait(Duration waited) {
        each(c -> c.onRateLimiterWait(run, waited));
    }

    public void retry(int attempt, Throwable failure) {
        each(c -> c.onRetry(run, attempt, failure));
    }

    public void toolLoopStart(List<Message> messages) {
        each(c -> c.onToolLoopStart(run, messages));
    }

    public void toolLoopEnd() {
        each(c -> c.onToolLoopEnd(run));
    }

    public void toolStart(ToolCall call) {
        each(c -> c.onToolStart(run, call));
    }

    public void toolEnd(ToolCall call, ToolMessage result) {
        each(c -> c.onToolEnd(run, call, result));
    }

    private void each(Consumer<ChatCallback> event) {
        for (ChatCallback callback : callbacks) {
            try {
                event.accept(callback);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Callback " + callback.getClass().getName() + " failed; the call goes on", e);
            }
        }
    }
}
