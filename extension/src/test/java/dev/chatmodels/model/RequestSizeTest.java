package dev.chatmodels.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.ToolCall;

class RequestSizeTest {

    private static final String HALF = "x".repeat(RequestSize.LARGE / 2);

    private static boolean isLarge(Message... messages) {
        return RequestSize.isLarge(new ChatRequest(List.of(messages), ModelSettings.of("m"), List.of(), null, null,
                null));
    }

    @Test
    void countsTextAcrossMessages() {
        assertFalse(isLarge(HumanMessage.of(HALF)));
        assertTrue(isLarge(HumanMessage.of(HALF), HumanMessage.of(HALF)));
    }

    @Test
    void countsToolCallArguments() {
        AIMessage invalid = new AIMessage(List.of(), List.of(),
                List.of(new InvalidToolCall("1", "f", HALF + HALF, "not JSON")), null, Map.of(), null);
        assertTrue(isLarge(invalid));
        AIMessage valid = AIMessage.ofToolCalls(List.of(new ToolCall("1", "f", Map.of("a", List.of(HALF, HALF)))));
        assertTrue(isLarge(valid));
        assertFalse(isLarge(AIMessage.ofToolCalls(List.of(new ToolCall("1", "f", Map.of("a", HALF))))));
    }
}
