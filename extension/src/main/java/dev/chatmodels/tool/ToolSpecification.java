package dev.chatmodels.tool;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the model is told about a tool: its name, a description and the JSON Schema of its arguments. A provider
 * built-in tool (e.g. {@code {"type": "web_search"}}) is passed through as it is in {@code builtIn} instead.
 *
 * @param strict {@code true} asks providers that support it (OpenAI's {@code "strict": true}) to make the model's
 *        arguments follow the schema exactly; {@code null} leaves the provider's default. Providers without such a
 *        mode ignore it.
 */
public record ToolSpecification(String name, String description, ObjectNode parameters, Map<String, Object> builtIn,
        Boolean strict) {

    /** A specification that leaves strictness to the provider. */
    public ToolSpecification(String name, String description, ObjectNode parameters, Map<String, Object> builtIn) {
        this(name, description, parameters, builtIn, null);
    }

    public static ToolSpecification of(String name, String description, ObjectNode parameters) {
        return new ToolSpecification(name, description, parameters, null);
    }

    public static ToolSpecification builtIn(Map<String, Object> definition) {
        Object name = definition.get("name");
        return new ToolSpecification(name == null ? String.valueOf(definition.get("type")) : name.toString(), null, null,
                Map.copyOf(definition));
    }

    /** A copy with the given strictness. */
    public ToolSpecification withStrict(boolean strict) {
        return new ToolSpecification(name, description, parameters, builtIn, strict);
    }

    public boolean isBuiltIn() {
        return builtIn != null;
    }
}
