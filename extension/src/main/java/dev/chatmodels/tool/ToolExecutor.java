package dev.chatmodels.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

import dev.chatmodels.callback.CallbackDispatcher;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.ToolCall;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs the tool calls of a model's answer. Every call of one answer runs at the same time, each on the executor (the
 * Mutiny worker pool by default, Quarkus' worker pool in a Quarkus application), so a blocking tool never holds an
 * event-loop thread. Every call gets a tool message, in the order of the calls: a tool that fails, an unknown tool and
 * arguments that are not valid JSON all become error tool messages the model can read.
 */
public final class ToolExecutor {

    private final Map<String, ChatTool> tools = new LinkedHashMap<>();
    private final Executor executor;

    public ToolExecutor(List<ChatTool> tools) {
        this(tools, Infrastructure.getDefaultWorkerPool());
    }

    public ToolExecutor(List<ChatTool> tools, Executor executor) {
        tools.forEach(tool -> this.tools.put(tool.name(), tool));
        this.executor = executor;
    }

    /** The tool message answering {@code call}. */
    public Uni<ToolMessage> execute(ToolCall call) {
        ChatTool tool = tools.get(call.name());
        if (tool == null) {
            return Uni.createFrom().item(ToolMessage.error("Error: there is no tool named " + call.name()
                    + " that this application runs; available tools: " + String.join(", ", tools.keySet()), call.id()));
        }
        return tool.callAsync(call, executor);
    }

    private Uni<ToolMessage> execute(ToolCall call, CallbackDispatcher callbacks) {
        if (!callbacks.isListening()) {
            return execute(call);
        }
        callbacks.toolStart(call);
        // a loop cancelled while its tools run still ends each tool run it started, for callbacks holding state
        return execute(call).invoke(result -> callbacks.toolEnd(call, result)).onCancellation()
                .invoke(() -> callbacks.toolEnd(call, ToolMessage.error("The tool run was cancelled", call.id())));
    }

    /**
     * The tool messages answering every tool call of {@code answer}, run in parallel: its valid calls in order, then
     * one error message per invalid call (arguments that are not a JSON object), so the model can correct itself.
     */
    public Uni<List<ToolMessage>> executeAll(AIMessage answer) {
        return executeAll(answer, call -> CallbackDispatcher.NONE);
    }

    /** As {@link #executeAll(AIMessage)}, telling the callbacks of each valid call when it starts and ends. */
    public Uni<List<ToolMessage>> executeAll(AIMessage answer, Function<ToolCall, CallbackDispatcher> callbacks) {
        List<Uni<ToolMessage>> results = new ArrayList<>();
        answer.toolCalls().forEach(call -> results.add(execute(call, callbacks.apply(call))));
        for (InvalidToolCall invalid : answer.invalidToolCalls()) {
            results.add(Uni.createFrom().item(ToolMessage.error("Error: the arguments of the call of " + invalid.name()
                    + " are not valid: " + invalid.error() + ". Call it again with a JSON object.", invalid.id())));
        }
        if (results.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(results).andFailFast();
    }
}
