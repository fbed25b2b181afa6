package dev.chatmodels.message;

import java.util.List;

import dev.chatmodels.message.content.ContentBlock;

/** The result of running a tool, answering the tool call with id {@code toolCallId}. */
public record ToolMessage(List<ContentBlock> content, String toolCallId, Status status, String name, String id)
        implements
            Message {

    /** Whether the tool succeeded; an error result is shown to the model so it can recover. */
    public enum Status {
        SUCCESS,
        ERROR
    }

    public ToolMessage {
        content = List.copyOf(content);
        if (toolCallId == null || toolCallId.isBlank()) {
            throw new IllegalArgumentException("A tool message needs the id of the tool call it answers (tool_call_id)");
        }
        status = status == null ? Status.SUCCESS : status;
    }

    public static ToolMessage of(String text, String toolCallId) {
        return new ToolMessage(Message.textContent(text), toolCallId, Status.SUCCESS, null, null);
    }

    public static ToolMessage error(String text, String toolCallId) {
        return new ToolMessage(Message.textContent(text), toolCallId, Status.ERROR, null, null);
    }

    @Override
    public Role role() {
        return Role.TOOL;
    }
}
