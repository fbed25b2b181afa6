package dev.chatmodels.tool;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the model is told about a tool: its name, a description and the JSON Schema of its arguments. A provider
 * built-in tool (e.g. {@code {"type": "web_search"}}) is passed through as it is in {@code builtIn} instead.
 */
public record ToolSpecification(String name, String description, ObjectNode parameters, Map<String, Object> builtIn) {

    public static ToolSpecification of(String name, String description, ObjectNode parameters) {
        return new ToolSpecification(name, description, parameters, null);
    }

    public static ToolSpecification builtIn(Map<String, Object> definition) {
        Object name = definition.get("name");
        return new ToolSpecification(name == null ? String.valueOf(definition.get("type")) : name.toString(), null, null,
                Map.copyOf(definition));
    }

    public boolean isBuiltIn() {
        return builtIn != null;
    }
}
