package dev.chatmodels.quarkus.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParamValueTest {

    @Test
    void numbersBooleansAndJsonAreTyped() {
        assertEquals(0.9, ParamValue.typed("0.9"));
        assertEquals(-2, ParamValue.typed("-2"));
        assertEquals(10000000000L, ParamValue.typed("10000000000"));
        assertEquals(true, ParamValue.typed("true"));
        assertEquals(false, ParamValue.typed("false"));
        assertEquals(Map.of("type", "enabled", "budget_tokens", 1024),
                ParamValue.typed("{\"type\": \"enabled\", \"budget_tokens\": 1024}"));
        assertEquals(List.of("a", "b"), ParamValue.typed("[\"a\",\"b\"]"));
    }

    @Test
    void everythingElseStaysText() {
        assertEquals("team-a", ParamValue.typed("team-a"));
        assertEquals("007", ParamValue.typed("007"));
        assertEquals("1.2.3", ParamValue.typed("1.2.3"));
        assertEquals("truthy", ParamValue.typed("truthy"));
        assertEquals("null", ParamValue.typed("null"));
        assertEquals("\"quoted\"", ParamValue.typed("\"quoted\""));
        assertEquals("{not json", ParamValue.typed("{not json"));
        assertEquals("", ParamValue.typed(""));
    }
}
