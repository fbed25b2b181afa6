package dev.chatmodels.provider.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.tool.ToolSpecification;

/** Reads recorded Responses API requests back into the messages and tools they were made of. */
final class ResponsesRecordings {

    private ResponsesRecordings() {
    }

    /** The messages of recorded input items: text messages, and function calls and their outputs. */
    static List<Message> messages(JsonNode request) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode item : request.get("input")) {
            switch (item.path("type").asText(item.path("role").asText())) {
                case "user" -> messages.add(HumanMessage.of(item.get("content").asText()));
                case "system", "developer" -> messages.add(SystemMessage.of(item.get("content").asText()));
                case "assistant" -> messages.add(AIMessage.of(item.get("content").asText()));
                case "function_call" -> messages.add(AIMessage.ofToolCalls(List.of(new ToolCall(
                        item.get("call_id").asText(), item.get("name").asText(),
                        Jackson.MAPPER.convertValue(RecordedJson.parse(item.get("arguments").asText()),
                                new TypeReference<Map<String, Object>>() {
                                })))));
                case "function_call_output" -> messages.add(ToolMessage.of(item.get("output").asText(),
                        item.get("call_id").asText()));
                default -> throw new IllegalArgumentException("not read here: " + item);
            }
        }
        return messages;
    }

    /** The recorded function tools. */
    static List<ToolSpecification> tools(JsonNode request) {
        List<ToolSpecification> tools = new ArrayList<>();
        for (JsonNode tool : request.path("tools")) {
            ToolSpecification specification = ToolSpecification.of(tool.get("name").asText(),
                    tool.path("description").isNull() ? null : tool.path("description").asText(null),
                    (ObjectNode) tool.get("parameters"));
            tools.add(tool.has("strict") ? specification.withStrict(tool.get("strict").asBoolean()) : specification);
        }
        return tools;
    }

    /** A request body without the {@code null} fields pydantic-ai wrote and OpenAI reads as absent. */
    static JsonNode withoutNulls(JsonNode body) {
        JsonNode copy = body.deepCopy();
        removeNulls(copy);
        return copy;
    }

    private static void removeNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            object.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    nulls.add(field.getKey());
                }
            });
            object.remove(nulls);
        }
        node.forEach(ResponsesRecordings::removeNulls);
    }
}
