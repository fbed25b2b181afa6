package dev.chatmodels.callback;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ToolCall;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The callback behind {@code streamEvents}: turns the events of every call it hears into {@link RunEvent}s that pass
 * its filter, one at a time (calls of a tool loop may report from several threads). It asks for tokens, so an
 * {@code invoke} it hears streams underneath (auto-streaming).
 */
public final class RunEventCollector implements ChatCallback {

    private final Consumer<RunEvent> sink;
    private final EventFilter filter;

    public RunEventCollector(Consumer<RunEvent> sink, EventFilter filter) {
        this.sink = sink;
        this.filter = filter;
    }

    /**
     * The events {@code run} reports to the collector it is given: the stream completes when the run's items are all
     * delivered, fails when it fails, and cancelling it cancels the run.
     */
    public static Multi<RunEvent> events(EventFilter filter, Function<ChatCallback, Multi<?>> run) {
        return Multi.createFrom().emitter(emitter -> {
            RunEventCollector collector = new RunEventCollector(emitter::emit, filter);
            Cancellable running = run.apply(collector).subscribe().with(item -> {
            }, emitter::fail, emitter::complete);
            emitter.onTermination(running::cancel);
        });
    }

    @Override
    public boolean wantsTokens() {
        return true;
    }

    @Override
    public void onStart(RunInfo run, List<Message> messages) {
        emit(run, RunEvent.CHAT_MODEL_START, Map.of("input", messages));
    }

    @Override
    public void onToken(RunInfo run, String token, AIMessageChunk chunk) {
        emit(run, RunEvent.CHAT_MODEL_STREAM, Map.of("chunk", chunk));
    }

    @Override
    public void onEnd(RunInfo run, AIMessage message) {
        emit(run, RunEvent.CHAT_MODEL_END, Map.of("output", message));
    }

    @Override
    public void onToolStart(RunInfo run, ToolCall call) {
        emit(run, call.name(), RunEvent.TOOL_START, Map.of("input", call.args()));
    }

    @Override
    public void onToolEnd(RunInfo run, ToolCall call, ToolMessage result) {
        emit(run, call.name(), RunEvent.TOOL_END, Map.of("output", result));
    }

    private void emit(RunInfo run, String event, Map<String, Object> data) {
        emit(run, run.runName() != null ? run.runName() : run.provider() + ":" + run.modelName(), event, data);
    }

    private void emit(RunInfo run, String name, String event, Map<String, Object> data) {
        // a tool loop's model calls and tool runs carry the loop's run id: the loop is their parent
        Object loop = run.metadata().get(RunInfo.TOOL_LOOP_RUN_ID);
        List<String> parents = loop == null || loop.equals(run.runId().toString()) ? List.of() : List.of(loop.toString());
        RunEvent runEvent = new RunEvent(event, name, run.runId().toString(), parents, run.tags(), run.metadata(), data);
        if (filter.accepts(runEvent)) {
            synchronized (this) {
                sink.accept(runEvent);
            }
        }
    }
}
