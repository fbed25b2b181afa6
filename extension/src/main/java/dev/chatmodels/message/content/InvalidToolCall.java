package dev.chatmodels.message.content;

/** A tool call whose arguments could not be parsed into a JSON object; {@code args} keeps the raw text. */
public record InvalidToolCall(String id, String name, String args, String error) implements ContentBlock {

    @Override
    public String type() {
        return "invalid_tool_call";
    }
}
