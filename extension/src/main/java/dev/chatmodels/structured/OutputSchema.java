package dev.chatmodels.structured;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.schema.JsonSchemaValidator;
import dev.chatmodels.schema.JsonSchemas;
import dev.chatmodels.schema.SchemaViolation;
import dev.chatmodels.tool.ToolSpecification;

/**
 * The shape a structured answer must have, and how to read it:
 * <ul>
 * <li>from a class (a record or POJO, nested records, lists, enums, {@code Optional} fields, {@code java.time}
 * values): the schema is generated (see {@link JsonSchemas}), answers are validated against it and bound to the
 * class;</li>
 * <li>from a {@code Map}-shaped or textual JSON Schema: answers are returned as {@code Map}s, without validation.</li>
 * </ul>
 * The name (the class's simple name, or the schema's {@code title}, else {@code output}) names the response format or
 * the output tool.
 */
public final class OutputSchema<T> {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final String name;
    private final ObjectNode schema;
    private final boolean strict;
    private final JavaType type;

    private OutputSchema(String name, ObjectNode schema, boolean strict, JavaType type) {
        this.name = name;
        this.schema = schema;
        this.strict = strict;
        this.type = type;
    }

    /** Answers bound to {@code type}, validated against its generated schema; strict where the provider allows it. */
    public static <T> OutputSchema<T> of(Class<T> type) {
        return new OutputSchema<>(type.getSimpleName(), JsonSchemas.ofObject(type), true,
                Jackson.VALUES.getTypeFactory().constructType(type));
    }

    /**
     * Answers as maps following a {@code Map}-shaped JSON Schema. The schema is sent as it is; it is sent as strict
     * only when it declares {@code "additionalProperties": false} at its root (strict mode also needs every property
     * required).
     */
    public static OutputSchema<Map<String, Object>> of(Map<String, ?> jsonSchema) {
        return ofTree(JsonSchemas.fromMap(jsonSchema));
    }

    /** As {@link #of(Map)}, for a JSON Schema given as text. */
    public static OutputSchema<Map<String, Object>> ofJson(String jsonSchema) {
        return ofTree(JsonSchemas.parse(jsonSchema));
    }

    private static OutputSchema<Map<String, Object>> ofTree(ObjectNode schema) {
        String title = schema.path("title").asText("");
        String name = title.isBlank() ? "output" : title.replaceAll("[^a-zA-Z0-9_-]", "_");
        boolean strict = schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean();
        return new OutputSchema<>(name, schema, strict, null);
    }

    /** This schema under another name (letters, digits, {@code _} and {@code -}). */
    public OutputSchema<T> named(String newName) {
        if (newName == null || !newName.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("An output schema name must be 1 to 64 letters, digits, _ or -, got " + newName);
        }
        return new OutputSchema<>(newName, schema, strict, type);
    }

    public String name() {
        return name;
    }

    /** The JSON Schema (a copy). */
    public ObjectNode schema() {
        return schema.deepCopy();
    }

    /** Whether answers are validated against the schema and bound to a class (class schemas only). */
    public boolean isValidated() {
        return type != null;
    }

    /** The native response format: the schema, in its strict form when strict. */
    public ResponseFormat responseFormat() {
        return ResponseFormat.jsonSchema(name, strict && isValidated() ? JsonSchemas.strict(schema) : schema(), strict);
    }

    /** The schema as the one tool of function calling; the schema's description describes the tool. */
    public ToolSpecification toolSpecification() {
        ObjectNode parameters = schema();
        JsonNode description = parameters.remove("description");
        return ToolSpecification.of(name, description == null ? null : description.asText(), parameters);
    }

    /**
     * The value of a complete answer: validated and bound to the class, or the map.
     *
     * @throws OutputParsingException naming the fields that break the schema
     */
    @SuppressWarnings("unchecked")
    T read(JsonNode json, String rawText) {
        if (type == null) {
            return (T) Jackson.MAPPER.convertValue(json, MAP);
        }
        List<SchemaViolation> violations = JsonSchemaValidator.validate(schema, json);
        if (!violations.isEmpty()) {
            throw new OutputParsingException("The model's answer does not match " + name + ": "
                    + SchemaViolation.summary(violations), rawText, violations,
                    null);
        }
        try {
            return Jackson.VALUES.convertValue(json, type);
        } catch (IllegalArgumentException e) {
            throw new OutputParsingException("The model's answer cannot be bound to " + type.toCanonical() + ": "
                    + e.getMessage(), rawText, e);
        }
    }

    /** The value of an answer cut short, bound leniently (no validation); {@code null} when it cannot be bound yet. */
    @SuppressWarnings("unchecked")
    T readPartial(JsonNode json) {
        try {
            return type == null ? (T) Jackson.MAPPER.convertValue(json, MAP) : Jackson.VALUES.convertValue(json, type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
