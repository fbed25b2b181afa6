package dev.chatmodels.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Function;

import dev.chatmodels.callback.CallbackDispatcher;
import dev.chatmodels.callback.EventFilter;
import dev.chatmodels.callback.RunEvent;
import dev.chatmodels.callback.RunEventCollector;
import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.BlockingCall;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.RunConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The tool-calling loop: call the model; if it asks for tools, run them (all calls of one answer in parallel, see
 * {@link ToolExecutor}), add its answer and the tool messages to the conversation and call it again; stop when it
 * answers without tool calls.
 * <p>
 * The tools that run are the {@link ChatTool}s the model was bound to with {@code bindTools}. Tools run only after a
 * complete answer, so a model call the call guard retries never runs a tool twice. After
 * {@link RunConfig#effectiveRecursionLimit()} model calls that still ask for tools the loop fails with a
 * {@link ToolLoopLimitException}.
 *
 * <pre>{@code
 * ChatModel withTools = model.bindTools(List.of(weatherTool));
 * ToolLoopResult result = ToolLoop.run(withTools, List.of(HumanMessage.of("Weather in Paris and Rome?")), RunConfig.EMPTY);
 * System.out.println(result.text());
 * }</pre>
 */
public final class ToolLoop {

    /** The metadata key under which each model call and tool run of a loop has the loop's run id, for callbacks. */
    public static final String RUN_ID_METADATA = RunInfo.TOOL_LOOP_RUN_ID;

    private ToolLoop() {
    }

    /** Runs the loop and waits for the final answer. Not allowed on an event-loop thread: use {@link #runAsync}. */
    public static ToolLoopResult run(ChatModel model, List<? extends Message> messages, RunConfig config) {
        BlockingCall.requireAllowed("ToolLoop.run()", "ToolLoop.runAsync()");
        return runAsync(model, messages, config).await().indefinitely();
    }

    /**
     * The events of a loop run ({@link #runAsync}): each model call's {@code on_chat_model_start}, its chunks as
     * {@code on_chat_model_stream} (the calls stream underneath, as the reference's auto-streaming does) and
     * {@code on_chat_model_end}. Cancelling the subscription cancels the loop.
     */
    public static Multi<RunEvent> streamEvents(ChatModel model, List<? extends Message> messages, RunConfig config,
            EventFilter filter) {
        RunConfig effective = config == null ? RunConfig.EMPTY : config;
        return RunEventCollector.events(filter,
                collector -> runAsync(model, messages, effective.withCallbacks(collector)).toMulti());
    }

    /** Runs the loop with tools on the default worker pool. */
    public static Uni<ToolLoopResult> runAsync(ChatModel model, List<? extends Message> messages, RunConfig config) {
        return runAsync(model, messages, config, Infrastructure.getDefaultWorkerPool());
    }

    /** Runs the loop with tools on {@code executor}. */
    public static Uni<ToolLoopResult> runAsync(ChatModel model, List<? extends Message> messages, RunConfig config,
            Executor executor) {
        RunConfig effective = config == null ? RunConfig.EMPTY : config;
        ToolExecutor tools = new ToolExecutor(model.bindings().executableTools(), executor);
        CallbackDispatcher loop = loopCallbacks(model, effective);
        if (!loop.isListening()) {
            return Uni.createFrom().deferred(() -> step(model, tools, new ArrayList<>(messages), effective, 1));
        }
        RunConfig steps = effective.withMetadata(RUN_ID_METADATA, loop.run().runId().toString());
        return Uni.createFrom().deferred(() -> {
            loop.toolLoopStart(List.copyOf(messages));
            return step(model, tools, new ArrayList<>(messages), steps, 1);
        }).onTermination().invoke(loop::toolLoopEnd);
    }

    /** The callbacks of the loop itself: the model's (its defaults, the application's) and the loop's. */
    private static CallbackDispatcher loopCallbacks(ChatModel model, RunConfig config) {
        RunConfig effective = model.defaults().merge(config);
        if (effective.callbacks().isEmpty()) {
            return CallbackDispatcher.NONE;
        }
        return new CallbackDispatcher(new RunInfo(UUID.randomUUID(), effective.runName(), effective.tags(),
                effective.metadata(), model.provider(), model.modelName(), null), effective.callbacks());
    }

    private static Uni<ToolLoopResult> step(ChatModel model, ToolExecutor tools, List<Message> conversation,
            RunConfig config, int call) {
        return model.invokeAsync(List.copyOf(conversation), config).chain(answer -> {
            conversation.add(answer);
            if (!asksForTools(answer)) {
                return Uni.createFrom().item(new ToolLoopResult(answer, conversation));
            }
            if (call >= config.effectiveRecursionLimit()) {
                return Uni.createFrom().failure(new ToolLoopLimitException(call, conversation));
            }
            return tools.executeAll(answer, toolCallbacks(model, config)).chain(results -> {
                conversation.addAll(results);
                return step(model, tools, conversation, config, call + 1);
            });
        });
    }

    /** The callbacks of each tool run: the model's (its defaults, the application's) and the loop's. */
    private static Function<ToolCall, CallbackDispatcher> toolCallbacks(ChatModel model, RunConfig config) {
        RunConfig effective = model.defaults().merge(config);
        if (effective.callbacks().isEmpty()) {
            return call -> CallbackDispatcher.NONE;
        }
        return call -> new CallbackDispatcher(new RunInfo(UUID.randomUUID(), call.name(), effective.tags(),
                effective.metadata(), model.provider(), model.modelName(), null), effective.callbacks());
    }

    private static boolean asksForTools(AIMessage answer) {
        return !answer.toolCalls().isEmpty() || !answer.invalidToolCalls().isEmpty();
    }
}
