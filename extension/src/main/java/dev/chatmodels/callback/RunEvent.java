package dev.chatmodels.callback;

import java.util.List;
import java.util.Map;

/**
 * One event of {@code streamEvents}, in the reference's v2 vocabulary: {@code on_chat_model_start} (data
 * {@code input}: the messages), {@code on_chat_model_stream} ({@code chunk}), {@code on_chat_model_end}
 * ({@code output}: the message, with usage), and for tool loops {@code on_tool_start} ({@code input}: the arguments)
 * and {@code on_tool_end} ({@code output}: the tool message).
 *
 * @param event the event name, e.g. {@code on_chat_model_stream}
 * @param name the run's name: its run name when one is set, else {@code provider:model} or the tool's name
 * @param runId the id of the run the event belongs to
 * @param parentIds the ids of the runs this run is part of, outermost first (a tool loop's model calls and tools)
 * @param tags the run's tags
 * @param metadata the run's metadata
 * @param data the event's data
 */
public record RunEvent(String event, String name, String runId, List<String> parentIds, List<String> tags,
        Map<String, Object> metadata, Map<String, Object> data) {

    public static final String CHAT_MODEL_START = "on_chat_model_start";
    public static final String CHAT_MODEL_STREAM = "on_chat_model_stream";
    public static final String CHAT_MODEL_END = "on_chat_model_end";
    public static final String TOOL_START = "on_tool_start";
    public static final String TOOL_END = "on_tool_end";

    public RunEvent {
        parentIds = List.copyOf(parentIds);
        tags = List.copyOf(tags);
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    /** The type of run the event is about: {@code chat_model} or {@code tool}, what type filters match. */
    public String type() {
        return event.startsWith("on_tool_") ? "tool" : "chat_model";
    }
}
