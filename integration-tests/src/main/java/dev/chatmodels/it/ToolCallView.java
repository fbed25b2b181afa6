package dev.chatmodels.it;

import java.util.Map;

import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ToolCall;

/** One tool call of a tool loop: what the model asked for and what the tool answered. */
public record ToolCallView(String id, String tool, Map<String, Object> arguments, String result,
        ToolMessage.Status status) {

    public static ToolCallView of(ToolCall call, ToolMessage result) {
        return new ToolCallView(call.id(), call.name(), call.args(), result.text(), result.status());
    }
}
