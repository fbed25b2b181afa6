package dev.chatmodels.message.content;

import java.util.Map;

/** A call of a tool that runs on the provider's side, e.g. web search. */
public record ServerToolCall(String id, String name, Map<String, Object> args) implements ContentBlock {

    public ServerToolCall {
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }

    @Override
    public String type() {
        return "server_tool_call";
    }
}
