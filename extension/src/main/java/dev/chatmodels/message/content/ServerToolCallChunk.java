package dev.chatmodels.message.content;

/** A streamed fragment of a {@link ServerToolCall}. */
public record ServerToolCallChunk(String id, String name, String args, Integer index) implements ContentBlock {

    @Override
    public String type() {
        return "server_tool_call_chunk";
    }
}
