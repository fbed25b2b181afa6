package dev.chatmodels.structured;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The provider's native response format: a JSON Schema the answer must follow ({@code strict} where supported), or
 * plain JSON-object mode.
 */
public record ResponseFormat(Type type, String name, ObjectNode schema, boolean strict) {

    public enum Type {
        JSON_SCHEMA,
        JSON_OBJECT
    }

    public static ResponseFormat jsonObject() {
        return new ResponseFormat(Type.JSON_OBJECT, null, null, false);
    }

    public static ResponseFormat jsonSchema(String name, ObjectNode schema, boolean strict) {
        return new ResponseFormat(Type.JSON_SCHEMA, name, schema, strict);
    }
}
