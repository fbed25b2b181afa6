package dev.chatmodels.functions.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The tool calls of a streamed answer put together from their deltas, the way OpenAI clients do it: by index, the
 * name from the delta that starts a call (which must come once), the arguments from every delta in order.
 */
public record StreamedToolCalls(Map<Integer, String> names, Map<Integer, String> arguments) {

    public static StreamedToolCalls of(List<JsonNode> chunks) {
        Map<Integer, String> names = new LinkedHashMap<>();
        Map<Integer, StringBuilder> arguments = new LinkedHashMap<>();
        for (JsonNode chunk : chunks) {
            for (JsonNode call : chunk.at("/choices/0/delta/tool_calls")) {
                int index = call.get("index").asInt();
                if (call.has("id")) {
                    assertFalse(names.containsKey(index), "call " + index + " starts twice");
                    names.put(index, call.at("/function/name").asText());
                }
                arguments.computeIfAbsent(index, i -> new StringBuilder()).append(call.at("/function/arguments").asText());
            }
        }
        Map<Integer, String> joined = new LinkedHashMap<>();
        arguments.forEach((index, text) -> joined.put(index, text.toString()));
        return new StreamedToolCalls(names, joined);
    }

    /** The arguments of call {@code index}, parsed. */
    public JsonNode parsedArguments(int index) {
        return SseBody.json(arguments.get(index));
    }
}
