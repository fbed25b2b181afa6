package dev.chatmodels.functions.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of one JSON object of a request, checking their types; every error names the offending parameter
 * by its path (e.g. {@code messages[1].content}) and says what was expected, as OpenAI does.
 */
final class JsonObjectReader {

    private final ObjectNode object;
    private final String path;

    private JsonObjectReader(ObjectNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /** A reader of {@code node}, which must be an object; {@code path} names it in errors. */
    static JsonObjectReader of(JsonNode node, String path) {
        if (!(node instanceof ObjectNode object)) {
            throw wrongType(path, "an object", node);
        }
        return new JsonObjectReader(object, path);
    }

    String path() {
        return path;
    }

    /** The parameter path of a field of this object. */
    String param(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Whether the field is there with a value other than {@code null}. */
    boolean has(String field) {
        JsonNode value = object.get(field);
        return value != null && !value.isNull();
    }

    /** The field's value, or {@code null} when it is missing or {@code null}. */
    JsonNode value(String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> missing(field));
    }

    Optional<String> optionalString(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(param(field), "a string", value);
        }
        return Optional.of(value.textValue());
    }

    Optional<Double> optionalNumber(String field, double min, double max) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw wrongType(param(field), "a number", value);
        }
        double number = value.doubleValue();
        if (number < min || number > max) {
            throw ApiError.invalidRequest(param(field), "decimal_out_of_range", "Invalid '" + param(field) + "': "
                    + value + " is out of range; use a number from " + format(min) + " to " + format(max) + ".")
                    .exception();
        }
        return Optional.of(number);
    }

    Optional<Integer> optionalInteger(String field, int min) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(param(field), "an integer", value);
        }
        if (value.intValue() < min) {
            throw ApiError.invalidRequest(param(field), "integer_below_min_value",
                    "Invalid '" + param(field) + "': " + value + " is too small; use at least " + min + ".").exception();
        }
        return Optional.of(value.intValue());
    }

    Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw wrongType(param(field), "a boolean", value);
        }
        return Optional.of(value.booleanValue());
    }

    JsonObjectReader requiredObject(String field) {
        return optionalObject(field).orElseThrow(() -> missing(field));
    }

    Optional<JsonObjectReader> optionalObject(String field) {
        JsonNode value = value(field);
        return value == null ? Optional.empty() : Optional.of(of(value, param(field)));
    }

    /** The field's raw object node, or {@code null} when missing. */
    ObjectNode optionalObjectNode(String field) {
        return optionalObject(field).map(reader -> reader.object).orElse(null);
    }

    /** Reads each element of an array field with {@code element} (given the element and its path); empty when missing. */
    <T> List<T> optionalArray(String field, BiFunction<JsonNode, String, T> element) {
        JsonNode value = value(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(param(field), "an array", value);
        }
        List<T> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            items.add(element.apply(value.get(i), param(field) + "[" + i + "]"));
        }
        return items;
    }

    ApiException missing(String field) {
        return ApiError.invalidRequest(param(field), "missing_required_parameter",
                "Missing required parameter: '" + param(field) + "'.").exception();
    }

    /** An error for a value of the wrong JSON type. */
    static ApiException wrongType(String param, String expected, JsonNode actual) {
        return ApiError.invalidRequest(param, "invalid_type", "Invalid type for '" + param + "': expected " + expected
                + ", but got " + typeName(actual) + " instead.").exception();
    }

    /** An error for a value outside the allowed ones. */
    static ApiException invalidValue(String param, String value, String allowed) {
        return ApiError.invalidRequest(param, "invalid_value",
                "Invalid value for '" + param + "': '" + value + "'. " + allowed).exception();
    }

    private static String typeName(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
