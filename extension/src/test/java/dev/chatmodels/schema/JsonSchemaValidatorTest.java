package dev.chatmodels.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;

class JsonSchemaValidatorTest {

    enum Size {
        S,
        M
    }

    record Item(String name, int quantity) {
    }

    record Order(String id, List<Item> items, Item gift, Optional<Item> extra, Size size, double total) {
    }

    private static final JsonNode SCHEMA = JsonSchemas.of(Order.class);

    private static List<String> violations(String json) throws Exception {
        return JsonSchemaValidator.validate(SCHEMA, Jackson.MAPPER.readTree(json)).stream().map(Object::toString).toList();
    }

    private static final String VALID = """
            {"id": "o1", "items": [{"name": "tea", "quantity": 2}], "gift": {"name": "mug", "quantity": 1},
             "extra": null, "size": "M", "total": 7.5}""";

    @Test
    void aValidValueHasNoViolations() throws Exception {
        assertEquals(List.of(), violations(VALID));
        assertEquals(List.of(), violations(VALID.replace("\"extra\": null,", "")), "optional may be absent");
        assertEquals(List.of(), violations(VALID.replace("7.5", "8")), "an integer is a number");
        assertEquals(List.of(), violations(VALID.replace("\"quantity\": 2", "\"quantity\": 2.0")),
                "2.0 is an integer value");
        assertEquals(List.of(), violations(VALID.replace("}", ", \"unknown\": 1}")), "unknown properties are ignored");
    }

    @Test
    void missingRequiredPropertiesAreNamedWithTheirPath() throws Exception {
        assertEquals(List.of("$.id: required property is missing"), violations(VALID.replace("\"id\": \"o1\",", "")));
        assertEquals(List.of("$.items[0].quantity: required property is missing"),
                violations(VALID.replace(", \"quantity\": 2", "")));
    }

    @Test
    void wrongTypesAreNamedWithTheirPath() throws Exception {
        assertEquals(List.of("$.items[0].quantity: expected integer, got string \"2\""),
                violations(VALID.replace("\"quantity\": 2", "\"quantity\": \"2\"")));
        assertEquals(List.of("$.gift.quantity: expected integer, got number 1.5"),
                violations(VALID.replace("\"quantity\": 1}", "\"quantity\": 1.5}")));
        assertEquals(List.of("$.items: expected array, got object"),
                violations(VALID.replace("[{\"name\": \"tea\", \"quantity\": 2}]", "{}")));
        assertEquals(List.of("$.total: expected number, got null"), violations(VALID.replace("7.5", "null")));
    }

    @Test
    void optionalValuesAreCheckedWhenPresent() throws Exception {
        assertEquals(List.of("$.extra.quantity: expected integer, got string \"x\""),
                violations(VALID.replace("\"extra\": null", "\"extra\": {\"name\": \"cup\", \"quantity\": \"x\"}")));
    }

    @Test
    void enumValuesMustBeListed() throws Exception {
        List<String> found = violations(VALID.replace("\"M\"", "\"XL\""));
        assertEquals(1, found.size());
        assertTrue(found.get(0).startsWith("$.size: expected one of [\"S\",\"M\"]"), found.get(0));
    }
}
