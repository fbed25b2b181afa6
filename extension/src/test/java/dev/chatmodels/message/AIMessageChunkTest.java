package dev.chatmodels.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolCallChunk;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.usage.UsageMetadata;

class AIMessageChunkTest {

    private static AIMessageChunk blocks(ContentBlock... blocks) {
        return new AIMessageChunk(List.of(blocks), List.of(), null, Map.of(), null);
    }

    private static AIMessageChunk toolCalls(ToolCallChunk... chunks) {
        return new AIMessageChunk(List.of(), List.of(chunks), null, Map.of(), null);
    }

    private static AIMessageChunk metadata(Map<String, Object> metadata) {
        return new AIMessageChunk(List.of(), List.of(), null, metadata, null);
    }

    private static AIMessageChunk withId(String id) {
        return new AIMessageChunk(List.of(), List.of(), null, Map.of(), id);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void textWithTheSameIndexConcatenates() {
        AIMessageChunk sum = AIMessageChunk.ofText("Hel", 0).concat(AIMessageChunk.ofText("lo", 0))
                .concat(AIMessageChunk.ofText("!", 1));
        assertEquals(List.of(TextBlock.indexed("Hello", 0), TextBlock.indexed("!", 1)), sum.content());
        assertEquals("Hello!", sum.text());
    }

    @Test
    void blocksWithoutIndexAreAppendedNeverMerged() {
        AIMessageChunk sum = blocks(TextBlock.of("a")).concat(blocks(TextBlock.of("b")));
        assertEquals(List.of(TextBlock.of("a"), TextBlock.of("b")), sum.content());
    }

    @Test
    void blocksOfDifferentTypesWithTheSameIndexStayApart() {
        AIMessageChunk sum = blocks(new ReasoningBlock("think", null, 0, null)).concat(AIMessageChunk.ofText("say", 0));
        assertEquals(2, sum.content().size());
    }

    @Test
    void reasoningConcatenatesAndMergesItsExtras() {
        AIMessageChunk sum = blocks(new ReasoningBlock("Let me ", Map.of(), 0, null))
                .concat(blocks(new ReasoningBlock("think", Map.of(), 0, null)))
                .concat(blocks(new ReasoningBlock("", Map.of("signature", "abc"), 0, null)));
        assertEquals(List.of(new ReasoningBlock("Let me think", Map.of("signature", "abc"), 0, null)), sum.content());
    }

    @Test
    void toolCallChunksMergeByIndexConcatenatingNameAndArgs() {
        AIMessageChunk sum = toolCalls(new ToolCallChunk("call_1", "get_", "", 0))
                .concat(toolCalls(new ToolCallChunk(null, "weather", "{\"city\": ", 0)))
                .concat(toolCalls(new ToolCallChunk("call_1", null, "\"Paris\"}", 0)));
        assertEquals(List.of(new ToolCallChunk("call_1", "get_weather", "{\"city\": \"Paris\"}", 0)),
                sum.toolCallChunks());
    }

    @Test
    void conflictingIdsWithTheSameIndexDoNotMerge() {
        AIMessageChunk sum = toolCalls(new ToolCallChunk("call_1", "a", "{}", 0))
                .concat(toolCalls(new ToolCallChunk("call_2", "b", "{}", 0)))
                .concat(toolCalls(new ToolCallChunk("", "", "", 0)));
        assertEquals(List.of(new ToolCallChunk("call_1", "a", "{}", 0), new ToolCallChunk("call_2", "b", "{}", 0)),
                sum.toolCallChunks(), "an empty id agrees with any id and merges into the first match");
    }

    @Test
    void metadataMergesByTheDictRules() {
        Map<String, Object> left = map("model_name", "gpt-4.1", "id", "chatcmpl-1", "finish_reason", null,
                "created", 100, "count", 2, "text", "ab", "nested", map("tokens", 1, "name", "x"), "kept", "v");
        Map<String, Object> right = map("model_name", "gpt-4.1", "id", "chatcmpl-1", "finish_reason", "stop",
                "created", 101, "count", 3, "text", "cd", "nested", map("tokens", 4, "name", "y"), "kept", null,
                "index", 7, "new", true);

        Map<String, Object> merged = metadata(left).concat(metadata(right)).responseMetadata();

        assertEquals(map("model_name", "gpt-4.1", "id", "chatcmpl-1", "finish_reason", "stop", "created", 101,
                "count", 5L, "text", "abcd", "nested", map("tokens", 5L, "name", "xy"), "kept", "v", "index", 7,
                "new", true), merged);
    }

    @Test
    void differentIdsConcatenateAndIndexTakesTheLastValue() {
        Map<String, Object> merged = metadata(map("id", "a", "index", 0, "timestamp", 5))
                .concat(metadata(map("id", "b", "index", 1, "timestamp", 9))).responseMetadata();
        assertEquals(map("id", "ab", "index", 1, "timestamp", 9), merged);
    }

    @Test
    void listsInMetadataMergeByIndex() {
        Map<String, Object> merged = metadata(map("items", List.of(map("index", 0, "text", "a"), map("x", 1))))
                .concat(metadata(map("items", List.of(map("index", 0, "text", "b"), map("index", 1, "text", "c")))))
                .responseMetadata();
        assertEquals(List.of(map("index", 0, "text", "ab"), map("x", 1), map("index", 1, "text", "c")),
                merged.get("items"));
    }

    @Test
    void usageAddsUp() {
        AIMessageChunk first = new AIMessageChunk(List.of(), List.of(),
                new UsageMetadata(10, 0, 10, new UsageMetadata.InputTokenDetails(null, null, 4L), null), Map.of(), null);
        AIMessageChunk second = new AIMessageChunk(List.of(), List.of(),
                new UsageMetadata(0, 5, 5, null, new UsageMetadata.OutputTokenDetails(null, 3L)), Map.of(), null);
        assertEquals(new UsageMetadata(10, 5, 15, new UsageMetadata.InputTokenDetails(null, null, 4L),
                new UsageMetadata.OutputTokenDetails(null, 3L)),
                first.concat(AIMessageChunk.empty()).concat(second).usage());
        assertNull(AIMessageChunk.empty().concat(AIMessageChunk.empty()).usage());
    }

    @Test
    void aProviderIdWinsOverAGeneratedOne() {
        assertEquals("chatcmpl-1", withId("run-abc").concat(withId("chatcmpl-1")).id());
        assertEquals("chatcmpl-1", withId("chatcmpl-1").concat(withId("run-abc")).id());
        assertEquals("msg_1", withId("msg_1").concat(withId("msg_2")).id());
        assertEquals("run-abc", withId(null).concat(withId("run-abc")).id());
        assertEquals("run-abc", withId("run-abc").concat(withId(null)).id());
    }

    @Test
    void toMessageParsesToolCallArguments() {
        AIMessage message = toolCalls(new ToolCallChunk("c1", "empty", "", 0),
                new ToolCallChunk("c2", "partial", "{\"city\": \"Par", 1),
                new ToolCallChunk("c3", "list", "[1, 2]", 2),
                new ToolCallChunk("c4", "broken", "oops", 3),
                new ToolCallChunk("c5", "full", "{\"n\": [1, {\"x\": true}]}", 4)).toMessage();

        assertEquals(List.of(new ToolCall("c1", "empty", Map.of()), new ToolCall("c2", "partial", Map.of("city", "Par")),
                new ToolCall("c5", "full", Map.of("n", List.of(1, Map.of("x", true))))), message.toolCalls());
        assertEquals(2, message.invalidToolCalls().size());
        InvalidToolCall list = message.invalidToolCalls().get(0);
        assertEquals("c3", list.id());
        assertEquals("[1, 2]", list.args());
        assertTrue(list.error().contains("must be a JSON object"), list.error());
        assertEquals("oops", message.invalidToolCalls().get(1).args());
    }

    @Test
    void toMessageNeverThrowsOnGarbage() {
        for (String args : List.of("}", "{{{{", "\"", "\\", "nul", "{\"a\": [}", "]]", "{\"a\": \"\\u12")) {
            AIMessage message = toolCalls(new ToolCallChunk("c", "f", args, 0)).toMessage();
            assertEquals(1, message.toolCalls().size() + message.invalidToolCalls().size(), args);
        }
    }

    @Test
    void toMessageDropsStreamIndexesAndFinishesServerToolCalls() {
        AIMessage message = blocks(new ReasoningBlock("r", Map.of(), 0, null), TextBlock.indexed("t", 1),
                new ServerToolCallChunk("s1", "web_search", "{\"query\": \"q", 2), new NonStandardBlock(Map.of("x", 1), 3))
                .toMessage();
        assertEquals(List.of(ReasoningBlock.of("r"), TextBlock.of("t"),
                new ServerToolCall("s1", "web_search", Map.of("query", "q")), new NonStandardBlock(Map.of("x", 1), null)),
                message.content());
    }

    @Test
    void metadataIsCopiedAndMayHoldNulls() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("system_fingerprint", null);
        metadata.put("model_name", "m");
        AIMessageChunk chunk = metadata(metadata);
        AIMessage message = new AIMessage(List.of(), List.of(), List.of(), null, metadata, null);
        metadata.put("model_name", "changed");
        assertEquals("m", chunk.responseMetadata().get("model_name"));
        assertEquals("m", message.modelName());
        assertTrue(chunk.responseMetadata().containsKey("system_fingerprint"));
    }

    /** Any split of a stream into chunks sums to the same message. */
    @Test
    void anySplitSumsToTheSameMessage() {
        String text = "The quick brown fox jumps over the lazy dog.";
        String args = "{\"location\": \"San Francisco, CA\", \"unit\": [\"celsius\"]}";
        Random random = new Random(42);
        AIMessage expected = null;
        for (int round = 0; round < 50; round++) {
            List<AIMessageChunk> chunks = new ArrayList<>();
            chunks.add(new AIMessageChunk(List.of(), List.of(), null, Map.of("model_name", "m", "id", "x"), "run-1"));
            split(text, random).forEach(piece -> chunks.add(AIMessageChunk.ofText(piece, 0)));
            List<String> pieces = split(args, random);
            for (int i = 0; i < pieces.size(); i++) {
                chunks.add(toolCalls(new ToolCallChunk(i == 0 ? "call_1" : null, i == 0 ? "get_weather" : null,
                        pieces.get(i), 1)));
            }
            chunks.add(new AIMessageChunk(List.of(), List.of(), UsageMetadata.of(7, 11),
                    Map.of("finish_reason", "tool_calls", "model_name", "m"), "chatcmpl-9"));

            AIMessage message = AIMessageChunk.sum(chunks).toMessage();
            if (expected == null) {
                expected = message;
                assertEquals(text, message.text());
                assertEquals(List.of(new ToolCall("call_1", "get_weather",
                        Map.of("location", "San Francisco, CA", "unit", List.of("celsius")))), message.toolCalls());
                assertEquals("chatcmpl-9", message.id());
                assertEquals(Map.of("model_name", "m", "id", "x", "finish_reason", "tool_calls"),
                        message.responseMetadata());
            }
            assertEquals(expected, message);
        }
    }

    private static List<String> split(String text, Random random) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + 1 + random.nextInt(6));
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    @Test
    void toolCallsAreTheCallsParsedSoFar() {
        AIMessageChunk first = new AIMessageChunk(List.of(), List.of(new ToolCallChunk("call_1", "get_weather",
                "{\"city\": \"Par", 0)), null, Map.of(), null);
        AIMessageChunk second = new AIMessageChunk(List.of(), List.of(new ToolCallChunk(null, null, "is\"}", 0),
                new ToolCallChunk("call_2", "get_time", "", 1)), null, Map.of(), null);

        assertEquals(List.of(new ToolCall("call_1", "get_weather", Map.of("city", "Par"))), first.toolCalls());
        assertEquals(List.of(new ToolCall("call_1", "get_weather", Map.of("city", "Paris")),
                new ToolCall("call_2", "get_time", Map.of())), first.concat(second).toolCalls());
        assertEquals(first.concat(second).toMessage().toolCalls(), first.concat(second).toolCalls());
        // an argument fragment that is no JSON object yet is no call yet
        assertEquals(List.of(), new AIMessageChunk(List.of(), List.of(new ToolCallChunk("c", "f", "[1", 0)), null,
                Map.of(), null).toolCalls());
    }

    @Test
    void contentBlocksPutReasoningFirstAndTheToolCallChunksLast() {
        ReasoningBlock thought = new ReasoningBlock("hmm", Map.of(), 0, null);
        TextBlock text = TextBlock.indexed("Hi", 1);
        ToolCallChunk call = new ToolCallChunk("call_1", "f", "{", 0);

        AIMessageChunk chunk = new AIMessageChunk(List.of(text, thought), List.of(call), null, Map.of(), null);

        assertEquals(List.of(thought, text, call), chunk.contentBlocks());
    }
}
