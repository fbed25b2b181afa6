package dev.chatmodels.tool;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;

/**
 * A tool given as a dictionary, in the forms the reference's {@code bind_tools} accepts: an OpenAI function tool
 * ({@code {"type": "function", "function": {"name", "description", "parameters"}}}), a bare function
 * ({@code {"name", "description", "parameters"}}), an Anthropic tool ({@code {"name", "description", "input_schema"}}),
 * or a JSON Schema with a {@code title} ({@code {"title", "description", "type": "object", "properties"}}). Anything
 * else with a {@code type} is a provider built-in tool, passed through as it is.
 */
final class ToolDictionary {

    private ToolDictionary() {
    }

    /**
     * The specification a dictionary stands for.
     *
     * @throws IllegalArgumentException for a function without a name, or whose parameters are not a JSON object schema
     */
    static ToolSpecification specification(Map<?, ?> tool) {
        Object type = tool.get("type");
        if ("function".equals(type) && tool.get("function") instanceof Map<?, ?> function) {
            return function(function, "parameters", tool);
        }
        if ("object".equals(type) && tool.get("title") instanceof String) {
            return schema(tool);
        }
        if (tool.get("name") instanceof String
                && (tool.get("parameters") instanceof Map || tool.get("input_schema") instanceof Map
                        || type == null)) {
            return function(tool, tool.containsKey("input_schema") ? "input_schema" : "parameters", tool);
        }
        if (type == null) {
            throw new IllegalArgumentException("The tool " + tool + " is neither a function (name and parameters, an"
                    + " OpenAI {\"type\": \"function\", ...} tool, or a JSON Schema with a title) nor a provider built-in"
                    + " tool (a map with a \"type\")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> builtIn = (Map<String, Object>) tool;
        return ToolSpecification.builtIn(builtIn);
    }

    private static ToolSpecification function(Map<?, ?> function, String schemaKey, Map<?, ?> given) {
        if (!(function.get("name") instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException("The function tool " + given + " has no name");
        }
        Object description = function.get("description");
        ObjectNode parameters = parameters(function.get(schemaKey), name);
        ToolSpecification specification = ToolSpecification.of(name, description == null ? null : description.toString(),
                parameters);
        return function.get("strict") instanceof Boolean strict ? specification.withStrict(strict) : specification;
    }

    private static ToolSpecification schema(Map<?, ?> schema) {
        Map<Object, Object> parameters = new LinkedHashMap<>(schema);
        String name = (String) parameters.remove("title");
        Object description = parameters.remove("description");
        return ToolSpecification.of(name, description == null ? null : description.toString(), parameters(parameters, name));
    }

    private static ObjectNode parameters(Object schema, String name) {
        if (schema == null) {
            return Jackson.MAPPER.createObjectNode().put("type", "object").set("properties",
                    Jackson.MAPPER.createObjectNode());
        }
        JsonNode node = Jackson.MAPPER.valueToTree(schema);
        if (!(node instanceof ObjectNode object) || !"object".equals(object.path("type").asText("object"))) {
            throw new IllegalArgumentException("The parameters of tool " + name
                    + " must be a JSON Schema of an object ({\"type\": \"object\", \"properties\": {...}}), not " + node);
        }
        return object;
    }
}
