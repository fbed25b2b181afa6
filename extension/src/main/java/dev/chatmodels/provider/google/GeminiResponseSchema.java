package dev.chatmodels.provider.google;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON Schema in the subset Gemini's {@code responseJsonSchema} accepts. Google documents that only these keywords
 * are supported: {@code $id $defs $ref $anchor type format title description enum items prefixItems minItems maxItems
 * minimum maximum anyOf oneOf properties additionalProperties required propertyOrdering}, and that a sub-schema with a
 * {@code $ref} may have no other keywords but {@code $}-keywords. So that any schema a caller sends (a strict
 * OpenAI-style one with {@code additionalProperties: false} and every property required included) is accepted:
 * <ul>
 * <li>{@code const} becomes a one-value {@code enum};</li>
 * <li>{@code definitions} becomes {@code $defs}, and references into it follow;</li>
 * <li>the siblings of a {@code $ref} and every other keyword ({@code pattern}, {@code minLength}, {@code default},
 * {@code $schema}, {@code strict}...) are left out: constraints Gemini would not apply anyway.</li>
 * </ul>
 * The answer is still validated against the caller's full schema where structured output is parsed.
 */
final class GeminiResponseSchema {

    private static final Set<String> SUPPORTED = Set.of("$id", "$defs", "$ref", "$anchor", "type", "format", "title",
            "description", "enum", "items", "prefixItems", "minItems", "maxItems", "minimum", "maximum", "anyOf", "oneOf",
            "properties", "additionalProperties", "required", "propertyOrdering");
    private static final String DEFINITIONS_REF = "#/definitions/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiResponseSchema() {
    }

    /** The schema Gemini is sent for {@code schema}; the argument is not changed. */
    static ObjectNode of(ObjectNode schema) {
        return subschema(schema);
    }

    private static ObjectNode subschema(ObjectNode schema) {
        ObjectNode result = NODES.objectNode();
        if (schema.path("$ref").isTextual()) {
            schema.fields().forEachRemaining(field -> {
                if (field.getKey().startsWith("$") && SUPPORTED.contains(field.getKey())) {
                    result.set(field.getKey(), field.getKey().equals("$ref") ? reference(field.getValue()) : field.getValue());
                }
            });
            return result;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "properties", "$defs", "definitions" -> result.set(key.equals("properties") ? key : "$defs",
                        schemaMap(value));
                case "items", "additionalProperties" ->
                    result.set(key, value.isObject() ? subschema((ObjectNode) value) : value);
                case "prefixItems", "anyOf", "oneOf" -> result.set(key, schemaList(value));
                case "const" -> {
                    if (!schema.has("enum")) {
                        result.set("enum", NODES.arrayNode().add(value));
                    }
                }
                default -> {
                    if (SUPPORTED.contains(key)) {
                        result.set(key, value);
                    }
                }
            }
        }
        return result;
    }

    private static JsonNode reference(JsonNode ref) {
        String text = ref.asText();
        return text.startsWith(DEFINITIONS_REF) ? NODES.textNode("#/$defs/" + text.substring(DEFINITIONS_REF.length()))
                : ref;
    }

    private static JsonNode schemaMap(JsonNode schemas) {
        if (!schemas.isObject()) {
            return schemas;
        }
        ObjectNode result = NODES.objectNode();
        schemas.fields().forEachRemaining(field -> result.set(field.getKey(),
                field.getValue().isObject() ? subschema((ObjectNode) field.getValue()) : field.getValue()));
        return result;
    }

    private static JsonNode schemaList(JsonNode schemas) {
        if (!schemas.isArray()) {
            return schemas;
        }
        ArrayNode result = NODES.arrayNode();
        schemas.forEach(schema -> result.add(schema.isObject() ? subschema((ObjectNode) schema) : schema));
        return result;
    }
}
