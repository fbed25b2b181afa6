package dev.chatmodels.tool;

import java.util.List;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.Message;

/**
 * The outcome of a {@link ToolLoop}: the model's final answer (it asked for no more tools) and the whole conversation,
 * from the input messages through every tool call and tool message to the answer.
 */
public record ToolLoopResult(AIMessage answer, List<Message> messages) {

    public ToolLoopResult {
        messages = List.copyOf(messages);
    }

    /** The final answer's text. */
    public String text() {
        return answer.text();
    }
}
