package dev.chatmodels.functions.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the recorded tool-call streams must become as OpenAI chunks, whether the translation is called directly or
 * through an app's HTTP API: one set of expectations per recording, for both kinds of test.
 */
public final class RecordedToolCallStreams {

    private RecordedToolCallStreams() {
    }

    /**
     * Asserts that the chunks carry {@code openai-chat/tool_calls_stream_parallel}: two calls as indexed deltas, each
     * with JSON-object arguments, and the finish reason {@code tool_calls}.
     */
    public static void assertOpenAiParallelCalls(List<JsonNode> chunks) {
        StreamedToolCalls calls = StreamedToolCalls.of(chunks);
        assertEquals(Map.of(0, "get_country", 1, "get_product_name"), calls.names());
        assertTrue(calls.parsedArguments(0).isObject(), calls.arguments().toString());
        assertTrue(calls.parsedArguments(1).isObject(), calls.arguments().toString());
        assertToolCallsFinish(chunks);
    }

    /**
     * Asserts that the chunks carry {@code anthropic/tool_use_stream}: its one call numbered 0, whatever the index of
     * its content block, with its arguments, and the finish reason {@code tool_calls}.
     */
    public static void assertAnthropicCallNumberedFromZero(List<JsonNode> chunks) {
        StreamedToolCalls calls = StreamedToolCalls.of(chunks);
        assertEquals(Map.of(0, "get_current_temperature"), calls.names());
        assertEquals("San Francisco", calls.parsedArguments(0).get("city").asText());
        assertToolCallsFinish(chunks);
    }

    /**
     * Asserts that the chunks carry {@code bedrock/converse_stream_tool_use}: text, then its one call (content block
     * 1) numbered 0 with its streamed arguments, and the finish reason {@code tool_calls}.
     */
    public static void assertBedrockCallNumberedFromZero(List<JsonNode> chunks) {
        StreamedToolCalls calls = StreamedToolCalls.of(chunks);
        assertEquals(Map.of(0, "get_temperature"), calls.names());
        assertEquals("Paris", calls.parsedArguments(0).get("city").asText());
        assertToolCallsFinish(chunks);
    }

    private static void assertToolCallsFinish(List<JsonNode> chunks) {
        assertEquals("tool_calls", chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText());
    }
}
