package dev.chatmodels.provider.google;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.testing.RecordedJson;

/** Schemas brought to the subset Gemini's {@code responseJsonSchema} documents. */
class GeminiResponseSchemaTest {

    @Test
    void strictOpenAiStyleSchemaKeepsWhatGeminiSupports() {
        JsonNode strict = RecordedJson.parse("""
                {"type": "object", "additionalProperties": false, "required": ["city", "country", "population"],
                 "properties": {"city": {"type": "string", "description": "The city"},
                                "country": {"type": ["string", "null"]},
                                "population": {"type": "integer", "minimum": 0}}}""");

        assertEquals(strict, GeminiResponseSchema.of((ObjectNode) strict));
    }

    @Test
    void unsupportedKeywordsAreLeftOutConstBecomesEnumAndDefinitionsBecomeDefs() {
        JsonNode schema = RecordedJson.parse("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "strict": true,
                 "properties": {
                   "kind": {"const": "city"},
                   "name": {"type": "string", "pattern": "^[A-Z]", "minLength": 1, "default": "Paris"},
                   "where": {"$ref": "#/definitions/Place", "description": "dropped beside a $ref"},
                   "tags": {"type": "array", "items": {"type": "string", "maxLength": 9}, "uniqueItems": true},
                   "alt": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}},
                 "definitions": {"Place": {"type": "object", "properties": {"lat": {"type": "number", "multipleOf": 0.5}},
                                           "required": ["lat"], "additionalProperties": false}},
                 "required": ["kind", "name", "where", "tags", "alt"]}""");

        assertEquals(RecordedJson.parse("""
                {"type": "object",
                 "properties": {
                   "kind": {"enum": ["city"]},
                   "name": {"type": "string"},
                   "where": {"$ref": "#/$defs/Place"},
                   "tags": {"type": "array", "items": {"type": "string"}},
                   "alt": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}},
                 "$defs": {"Place": {"type": "object", "properties": {"lat": {"type": "number"}},
                                     "required": ["lat"], "additionalProperties": false}},
                 "required": ["kind", "name", "where", "tags", "alt"]}"""), GeminiResponseSchema.of((ObjectNode) schema));
    }
}
