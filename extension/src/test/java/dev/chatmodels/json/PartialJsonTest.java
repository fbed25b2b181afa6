package dev.chatmodels.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class PartialJsonTest {

    private static JsonNode json(String text) throws Exception {
        return Jackson.MAPPER.readTree(text);
    }

    @Test
    void completeJsonParsesAsItIs() throws Exception {
        assertEquals(json("{\"a\": [1, 2, {\"b\": null}]}"), PartialJson.parse("{\"a\": [1, 2, {\"b\": null}]}"));
        assertEquals(json("42"), PartialJson.parse("42"));
    }

    @Test
    void openStringsArraysAndObjectsAreClosed() throws Exception {
        assertEquals(json("{\"city\": \"Par\"}"), PartialJson.parse("{\"city\": \"Par"));
        assertEquals(json("{\"a\": [1, 2]}"), PartialJson.parse("{\"a\": [1, 2"));
        assertEquals(json("{\"a\": {\"b\": [\"x\"]}}"), PartialJson.parse("{\"a\": {\"b\": [\"x"));
        assertEquals(json("{\"q\": \"say \\\"hi\\\"\"}"), PartialJson.parse("{\"q\": \"say \\\"hi\\\""));
    }

    @Test
    void aTrailingFragmentThatCannotBeCompletedIsDropped() throws Exception {
        assertEquals(json("{\"a\": 1}"), PartialJson.parse("{\"a\": 1, \"b"));
        assertEquals(json("{\"a\": 1}"), PartialJson.parse("{\"a\": 1, \"b\": tr"));
        assertEquals(json("{\"s\": \"x\"}"), PartialJson.parse("{\"s\": \"x\\"));
    }

    @Test
    void unbalancedOrNonsenseIsNull() {
        assertNull(PartialJson.parse("{\"a\": [}"));
        assertNull(PartialJson.parse("]"));
        assertNull(PartialJson.parse("hello"));
    }

    @Test
    void parseObjectGivesAMapOrTheReason() {
        assertEquals(Map.of(), PartialJson.parseObject("").value());
        assertEquals(Map.of(), PartialJson.parseObject("  ").value());
        assertEquals(Map.of(), PartialJson.parseObject(null).value());
        assertEquals(Map.of("n", List.of(1)), PartialJson.parseObject("{\"n\": [1").value());
        PartialJson.ObjectResult array = PartialJson.parseObject("[1]");
        assertNull(array.value());
        assertEquals("Tool-call arguments must be a JSON object, got array: [1]", array.error());
        PartialJson.ObjectResult invalid = PartialJson.parseObject("oops");
        assertNull(invalid.value());
        assertEquals("Invalid JSON in tool-call arguments: oops", invalid.error());
        assertTrue(PartialJson.parseObject("x".repeat(500)).error().endsWith("..."), "long text is abbreviated");
    }

    @Test
    void parseCompleteObjectRejectsTruncatedJson() {
        assertEquals(Map.of("a", 1), PartialJson.parseCompleteObject("{\"a\": 1}").value());
        assertEquals(Map.of(), PartialJson.parseCompleteObject("").value());
        PartialJson.ObjectResult truncated = PartialJson.parseCompleteObject("{\"a\": 1");
        assertNull(truncated.value());
        assertTrue(truncated.error().startsWith("Invalid JSON"), truncated.error());
    }
}
