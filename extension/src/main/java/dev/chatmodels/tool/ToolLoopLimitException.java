package dev.chatmodels.tool;

import java.util.List;

import dev.chatmodels.error.ChatModelException;
import dev.chatmodels.message.Message;

/** The model was still asking for tools when a {@link ToolLoop} reached its recursion limit. */
public class ToolLoopLimitException extends ChatModelException {

    private final int limit;
    private final transient List<Message> messages;

    public ToolLoopLimitException(int limit, List<Message> messages) {
        super("The tool loop stopped after " + limit + " model calls and the model still asks for tools; "
                + "raise the limit with RunConfig.withRecursionLimit(n) (default "
                + dev.chatmodels.model.RunConfig.DEFAULT_RECURSION_LIMIT
                + ") if the task needs more steps, or check that the tools give the model what it asks for");
        this.limit = limit;
        this.messages = List.copyOf(messages);
    }

    /** The recursion limit that was reached: the number of model calls made. */
    public int limit() {
        return limit;
    }

    /** The conversation so far, ending with the model's last answer (its tool calls were not run). */
    public List<Message> messages() {
        return messages;
    }
}
