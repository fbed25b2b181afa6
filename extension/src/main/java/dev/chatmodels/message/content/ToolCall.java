package dev.chatmodels.message.content;

import java.util.Map;

/** A complete call of a client-side tool requested by the model. */
public record ToolCall(String id, String name, Map<String, Object> args) implements ContentBlock {

    public ToolCall {
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }

    @Override
    public String type() {
        return "tool_call";
    }
}
