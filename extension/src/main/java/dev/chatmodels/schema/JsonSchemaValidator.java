package dev.chatmodels.schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a JSON value against the JSON Schemas {@link JsonSchemas} generates: {@code type} (one or a list),
 * {@code properties}, {@code required}, {@code items}, {@code enum}, {@code anyOf}/{@code oneOf} (any branch may match),
 * map values ({@code additionalProperties} as a schema), and {@code $ref} into the same document.
 * <p>
 * Deliberately lenient where a model's answer is harmless: a property the schema does not know is ignored (it is not
 * bound to anything), and {@code null} for a property that is not required counts as absent. Other keywords (formats,
 * bounds, patterns) are not checked here; binding to the Java type catches malformed dates and numbers.
 */
public final class JsonSchemaValidator {

    private final JsonNode root;
    private final List<SchemaViolation> violations = new ArrayList<>();

    private JsonSchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** Every violation of {@code schema} by {@code value}, empty when the value is valid. */
    public static List<SchemaViolation> validate(JsonNode schema, JsonNode value) {
        JsonSchemaValidator validator = new JsonSchemaValidator(schema);
        validator.check(schema, value, "$");
        return List.copyOf(validator.violations);
    }

    private void check(JsonNode schema, JsonNode value, String path) {
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            check(resolve(ref.asText(), path), value, path);
        }
        JsonNode branches = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (branches != null && branches.isArray()) {
            checkBranches(branches, value, path);
        }
        JsonNode type = schema.get("type");
        if (type != null && !hasType(type, value)) {
            violations.add(new SchemaViolation(path, "expected " + describe(type) + ", got " + jsonType(value)));
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
            violations.add(new SchemaViolation(path, "expected one of " + allowed + ", got " + value));
        }
        if (value.isObject()) {
            checkObject(schema, value, path);
        } else if (value.isArray() && schema.get("items") != null) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]");
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path) {
        JsonNode properties = schema.path("properties");
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        for (String name : required) {
            if (!value.has(name)) {
                violations.add(new SchemaViolation(path + "." + name, "required property is missing"));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode propertySchema = properties.get(field.getKey());
            if (propertySchema == null) {
                propertySchema = schema.get("additionalProperties");
            }
            boolean absent = field.getValue().isNull() && !required.contains(field.getKey());
            if (propertySchema != null && propertySchema.isObject() && !absent) {
                check(propertySchema, field.getValue(), path + "." + field.getKey());
            }
        }
    }

    private void checkBranches(JsonNode branches, JsonNode value, String path) {
        List<SchemaViolation> first = null;
        List<SchemaViolation> firstNotNull = null;
        for (JsonNode branch : branches) {
            List<SchemaViolation> found = validate(root, branch, value, path);
            if (found.isEmpty()) {
                return;
            }
            first = first == null ? found : first;
            // Optional values are "anyOf: [null, X]": a non-null value is meant for X, so X's violations say most.
            if (firstNotNull == null && !"null".equals(branch.path("type").asText())) {
                firstNotNull = found;
            }
        }
        if (first != null) {
            violations.addAll(firstNotNull != null ? firstNotNull : first);
        }
    }

    private static List<SchemaViolation> validate(JsonNode root, JsonNode schema, JsonNode value, String path) {
        JsonSchemaValidator validator = new JsonSchemaValidator(root);
        validator.check(schema, value, path);
        return validator.violations;
    }

    private JsonNode resolve(String ref, String path) {
        if (!ref.startsWith("#")) {
            throw new IllegalArgumentException("Cannot resolve the schema reference " + ref + " at " + path
                    + ": only references into the same schema (#/...) are supported");
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("The schema reference " + ref + " at " + path + " points nowhere");
        }
        return target;
    }

    private static boolean hasType(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (hasType(one.asText(), value)) {
                    return true;
                }
            }
            return false;
        }
        return hasType(type.asText(), value);
    }

    private static boolean hasType(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                    || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            default -> true;
        };
    }

    private static boolean contains(JsonNode allowed, JsonNode value) {
        for (JsonNode option : allowed) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode type) {
        if (!type.isArray()) {
            return type.asText();
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(t.asText()));
        return String.join(" or ", names);
    }

    private static String jsonType(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string " + value;
            case BOOLEAN -> "boolean " + value;
            case NULL -> "null";
            case NUMBER -> "number " + value;
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
