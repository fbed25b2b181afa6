package dev.chatmodels.message.content;

/** The result of a {@link ServerToolCall}, as reported by the provider. */
public record ServerToolResult(String toolCallId, Status status, Object output, Integer index, String id)
        implements
            ContentBlock {

    public enum Status {
        SUCCESS,
        ERROR
    }

    @Override
    public String type() {
        return "server_tool_result";
    }
}
