package dev.chatmodels.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;

class JsonSchemasTest {

    enum Genre {
        DRAMA,
        SCIENCE_FICTION
    }

    @Description("Someone in the cast")
    record Actor(@Description("Full name") String name, String role) {
    }

    @Description("A movie with details")
    record Movie(@JsonPropertyDescription("The title of the movie") String title, int year, List<Actor> cast,
            Actor director, Genre genre, @Description("Budget in millions USD") Optional<Double> budget,
            LocalDate released, Instant updated) {
    }

    static final String MOVIE_SCHEMA = """
            {
              "$defs": {
                "Actor": {
                  "type": "object",
                  "properties": {
                    "name": { "type": "string", "description": "Full name" },
                    "role": { "type": "string" }
                  },
                  "required": ["name", "role"],
                  "description": "Someone in the cast",
                  "additionalProperties": false
                }
              },
              "type": "object",
              "properties": {
                "title": { "type": "string", "description": "The title of the movie" },
                "year": { "type": "integer" },
                "cast": { "type": "array", "items": { "$ref": "#/$defs/Actor" } },
                "director": { "$ref": "#/$defs/Actor" },
                "genre": { "type": "string", "enum": ["DRAMA", "SCIENCE_FICTION"] },
                "budget": { "type": ["number", "null"], "description": "Budget in millions USD" },
                "released": { "type": "string", "format": "date" },
                "updated": { "type": "string", "format": "date-time" }
              },
              "required": ["title", "year", "cast", "director", "genre", "released", "updated"],
              "description": "A movie with details",
              "additionalProperties": false
            }
            """;

    @Test
    void nestedRecordSchemaMatchesTheGoldenSchema() throws Exception {
        assertEquals(Jackson.MAPPER.readTree(MOVIE_SCHEMA), JsonSchemas.of(Movie.class));
    }

    @Test
    void schemasAreCachedPerClassAndEachCallerGetsItsOwnCopy() {
        ObjectNode first = JsonSchemas.of(Movie.class);
        first.put("mutated", true);
        ObjectNode second = JsonSchemas.of(Movie.class);
        assertNotSame(first, second);
        assertTrue(second.path("mutated").isMissingNode(), "a caller's change must not leak into the cache");
    }

    @Test
    void strictFormRequiresEveryPropertyAndKeepsOptionalOnesNullable() {
        ObjectNode strict = JsonSchemas.strict(JsonSchemas.of(Movie.class));
        assertEquals(List.of("title", "year", "cast", "director", "genre", "budget", "released", "updated"),
                names(strict.get("required")));
        assertEquals(List.of("name", "role"), names(strict.at("/$defs/Actor/required")));
        assertEquals("[\"number\",\"null\"]", strict.at("/properties/budget/type").toString());
    }

    @Test
    void nonObjectTypesAreRejectedWhereAnObjectIsNeeded() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> JsonSchemas.ofObject(String.class));
        assertTrue(error.getMessage().contains("java.lang.String does not describe a JSON object"), error.getMessage());
    }

    @SuppressWarnings("unused")
    static class Calendar {
        public String book(@Description("Who attends") List<String> attendees, LocalDate day, Optional<String> room,
                Actor host) {
            return "ok";
        }
    }

    @Test
    void methodParametersBecomeAnObjectSchema() throws Exception {
        ObjectNode schema = JsonSchemas.ofParameters(Calendar.class.getMethod("book", List.class, LocalDate.class,
                Optional.class, Actor.class));
        assertEquals(List.of("attendees", "day", "room", "host"), names(schema.get("properties")));
        assertEquals(List.of("attendees", "day", "host"), names(schema.get("required")));
        assertEquals("Who attends", schema.at("/properties/attendees/description").asText());
        assertEquals("string", schema.at("/properties/attendees/items/type").asText());
        assertEquals("date", schema.at("/properties/day/format").asText());
        assertEquals("[\"string\",\"null\"]", schema.at("/properties/room/type").toString(), "Optional is nullable");
        assertEquals(false, schema.get("additionalProperties").asBoolean());
        JsonNode host = schema.at("/properties/host");
        JsonNode actor = host.has("$ref") ? schema.at(host.get("$ref").asText().substring(1)) : host;
        assertEquals(List.of("name", "role"), names(actor.get("required")));
    }

    @Test
    void rawSchemasMustBeJsonObjects() {
        assertThrows(IllegalArgumentException.class, () -> JsonSchemas.parse("[1, 2]"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> JsonSchemas.parse("{\"type\":"));
        assertTrue(error.getMessage().startsWith("The JSON Schema is not valid JSON"), error.getMessage());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
