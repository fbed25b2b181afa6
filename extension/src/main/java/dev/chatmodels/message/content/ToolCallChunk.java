package dev.chatmodels.message.content;

/** A streamed fragment of a tool call: {@code args} is a fragment of the JSON arguments text. */
public record ToolCallChunk(String id, String name, String args, Integer index) implements ContentBlock {

    @Override
    public String type() {
        return "tool_call_chunk";
    }
}
