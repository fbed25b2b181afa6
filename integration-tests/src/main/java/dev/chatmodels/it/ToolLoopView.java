package dev.chatmodels.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.tool.ToolLoopResult;

/**
 * A finished tool loop as the endpoint returns it: the final answer, how many times the model was called, every tool
 * call with its result, and the threads the tools ran on (one entry per tool run).
 */
public record ToolLoopView(MessageView answer, int modelCalls, List<ToolCallView> toolCalls, List<String> toolThreads) {

    public static ToolLoopView of(ToolLoopResult result, List<String> toolThreads) {
        Map<String, ToolMessage> results = new HashMap<>();
        List<AIMessage> answers = new ArrayList<>();
        for (Message message : result.messages()) {
            if (message instanceof ToolMessage toolMessage) {
                results.put(toolMessage.toolCallId(), toolMessage);
            } else if (message instanceof AIMessage answer) {
                answers.add(answer);
            }
        }
        List<ToolCallView> toolCalls = answers.stream()
                .flatMap(answer -> answer.toolCalls().stream())
                .map(call -> ToolCallView.of(call, results.get(call.id())))
                .toList();
        return new ToolLoopView(MessageView.of(result.answer()), answers.size(), toolCalls, toolThreads);
    }
}
