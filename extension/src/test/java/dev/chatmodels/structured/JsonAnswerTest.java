package dev.chatmodels.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonAnswerTest {

    @Test
    void findsTheObjectAfterBracesOfProse() {
        assertEquals(1, JsonAnswer.parse("Use {x} or {y}: ```json\n{\"a\": 1}\n``` done").get("a").asInt());
    }

    @Test
    void triesABoundedNumberOfBracesSoManyUnclosedOnesCostLinearTime() {
        String unclosed = "{\"a\": ".repeat(JsonAnswer.MAX_STARTS);
        // each try may read to the end of the text: only the first MAX_STARTS braces are tried
        assertEquals(1, JsonAnswer.parse("{\"a\": 1} " + unclosed).get("a").asInt());
        assertThrows(OutputParsingException.class, () -> JsonAnswer.parse(unclosed + "{\"a\": 1}"));
    }
}
