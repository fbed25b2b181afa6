package dev.chatmodels.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.json.PartialJson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolResult;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;

/** Decoding of recorded Anthropic streams, event by event and summed. */
class AnthropicStreamDecoderTest {

    private static final int REGROUPINGS = 200;

    @Test
    void textStreamWithCacheRead() {
        List<AIMessageChunk> chunks = AnthropicRecordings.chunks("text_stream_cache_read");

        AIMessageChunk first = chunks.get(0);
        assertEquals("msg_01LshZroyEGgd3HfDrKdQMLm", first.id());
        assertEquals("claude-sonnet-4-5-20250929", first.responseMetadata().get(ResponseMetadata.MODEL_NAME));
        assertEquals(1220, first.usage().inputTokens(), "usage arrives on the first chunk, cache reads included");

        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertEquals("Hello", message.text());
        assertEquals(FinishReason.STOP, message.finishReason());
        assertEquals("end_turn", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
        assertEquals("msg_01LshZroyEGgd3HfDrKdQMLm", message.id());
        assertEquals(new UsageMetadata(1220, 4, 1224, new UsageMetadata.InputTokenDetails(null, 0L, 1217L), null),
                message.usage());
    }

    @Test
    void textDeltasCarryTheirBlockIndex() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        List<AIMessageChunk> chunks = decoder.decode(new StreamEvent("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}   "));

        assertEquals(List.of(AIMessageChunk.ofText("Hi", 3)), chunks);
    }

    @Test
    void thinkingStream() {
        AIMessage message = AIMessageChunk.sum(AnthropicRecordings.chunks("thinking_stream")).toMessage();

        ReasoningBlock reasoning = assertInstanceOf(ReasoningBlock.class, message.content().get(0));
        assertTrue(reasoning.reasoning().startsWith("This is a straightforward question about pedestrian safety."));
        assertTrue(((String) reasoning.extras().get("signature")).startsWith("EvMCCkYICxgCKkCHP2cS"));
        assertTrue(message.text().startsWith("Here are the basic steps for safely crossing the street:"));
        assertEquals(UsageMetadata.of(43, 282).totalTokens(), message.usage().totalTokens());
    }

    @Test
    void redactedThinkingStream() {
        AIMessage message = AIMessageChunk.sum(AnthropicRecordings.chunks("redacted_thinking_stream")).toMessage();

        List<ReasoningBlock> redacted = message.content().stream().filter(ReasoningBlock.class::isInstance)
                .map(ReasoningBlock.class::cast).toList();
        assertEquals(2, redacted.size());
        assertEquals("", redacted.get(0).reasoning());
        assertTrue(((String) redacted.get(0).extras().get("data")).startsWith("EqkECkYIBxgCKkA8AZ4no"));
        assertEquals(189, message.usage().outputTokens());
    }

    @Test
    void toolUseStream() {
        List<AIMessageChunk> chunks = AnthropicRecordings.chunks("tool_use_stream");

        ToolCallChunk start = chunks.stream().flatMap(c -> c.toolCallChunks().stream()).findFirst().orElseThrow();
        assertEquals(new ToolCallChunk("toolu_01Lfr3kUnHMZApePPRWMv1uS", "get_current_temperature", "", 1), start);

        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertEquals(List.of(new ToolCall("toolu_01Lfr3kUnHMZApePPRWMv1uS", "get_current_temperature",
                Map.of("city", "San Francisco"))), message.toolCalls());
        assertEquals(FinishReason.TOOL_CALLS, message.finishReason());
        assertEquals("tool_use", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
        assertTrue(message.text().startsWith("I'll help you find out the current temperature in San Francisco."));
        assertEquals(new UsageMetadata(351, 85, 436, new UsageMetadata.InputTokenDetails(null, 0L, 0L), null),
                message.usage());
    }

    @Test
    void webSearchStream() {
        AIMessage message = AIMessageChunk.sum(AnthropicRecordings.chunks("web_search_stream")).toMessage();

        List<ServerToolCall> searches = message.content().stream().filter(ServerToolCall.class::isInstance)
                .map(ServerToolCall.class::cast).toList();
        assertEquals(List.of(
                new ServerToolCall("srvtoolu_01FYcUbzEaqqQh1WBRj1QX3h", "web_search",
                        Map.of("query", "San Francisco weather today")),
                new ServerToolCall("srvtoolu_01FDqc7ruGpVRoNuD5G6jkUx", "web_search",
                        Map.of("query", "San Francisco weather September 16 2025"))),
                searches);
        List<ServerToolResult> results = message.content().stream().filter(ServerToolResult.class::isInstance)
                .map(ServerToolResult.class::cast).toList();
        assertEquals(List.of("srvtoolu_01FYcUbzEaqqQh1WBRj1QX3h", "srvtoolu_01FDqc7ruGpVRoNuD5G6jkUx"),
                results.stream().map(ServerToolResult::toolCallId).toList());
        assertTrue(message.toolCalls().isEmpty());
        long citations = message.content().stream().filter(TextBlock.class::isInstance)
                .mapToLong(b -> ((TextBlock) b).annotations().size()).sum();
        assertEquals(7, citations);
        assertEquals("citation", message.content().stream().filter(TextBlock.class::isInstance)
                .flatMap(b -> ((TextBlock) b).annotations().stream()).findFirst().orElseThrow().get("type"));
        // Input tokens grow with the search results: message_delta's cumulative count is the total.
        assertEquals(new UsageMetadata(22397, 637, 23034, new UsageMetadata.InputTokenDetails(null, 0L, 0L), null),
                message.usage());
    }

    /**
     * Whatever way the chunks are grouped before summing, the sum is the same, and its message holds what the events
     * say: the text and thinking deltas, the signature, the tool-call arguments and the final cumulative usage.
     */
    @ParameterizedTest
    @ValueSource(strings = { "text_stream_cache_read", "thinking_stream", "redacted_thinking_stream", "tool_use_stream",
            "web_search_stream" })
    void anyGroupingOfARecordedStreamSumsToTheSameMessage(String scenario) {
        List<AIMessageChunk> chunks = AnthropicRecordings.chunks(scenario);
        AIMessageChunk whole = AIMessageChunk.sum(chunks);
        Random random = new Random(scenario.hashCode());
        for (int i = 0; i < REGROUPINGS; i++) {
            AIMessageChunk regrouped = sumInRandomTree(chunks, 0, chunks.size(), random);
            assertEquals(whole, regrouped, scenario + " regrouping " + i);
        }

        AIMessage message = whole.toMessage();
        Expected expected = Expected.from(AnthropicRecordings.events(scenario));
        assertEquals(expected.text, message.text());
        assertEquals(expected.reasoning, message.reasoning());
        assertEquals(expected.signatures, message.content().stream().filter(ReasoningBlock.class::isInstance)
                .map(b -> ((ReasoningBlock) b).extras().get("signature")).filter(s -> s != null).toList());
        assertEquals(expected.toolCallArgs, message.toolCalls().stream().map(ToolCall::args).toList());
        assertTrue(message.invalidToolCalls().isEmpty());
        assertEquals(expected.inputTokens, message.usage().inputTokens());
        assertEquals(expected.outputTokens, message.usage().outputTokens());
        assertEquals(expected.inputTokens + expected.outputTokens, message.usage().totalTokens());
        assertEquals(expected.id, message.id());
        assertEquals(expected.stopReason, message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
    }

    @Test
    void overloadedErrorEventThrows() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        List<StreamEvent> events = AnthropicRecordings.events("stream_error_event_overloaded");

        ProviderException error = assertThrows(ProviderException.class, () -> decoder.decode(events.get(0)));
        assertInstanceOf(ProviderServerException.class, error);
        assertEquals(ProviderError.Kind.OVERLOADED, error.error().kind());
        assertEquals("overloaded_error", error.errorType());
        assertEquals("Overloaded", error.providerMessage());
        assertEquals(200, error.status());
        assertTrue(error.isRetryable());
        assertFalse(decoder.isComplete());
    }

    @Test
    void completesAtMessageStopAndIgnoresWhatFollows() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        List<StreamEvent> events = AnthropicRecordings.events("tool_use_stream");
        events.forEach(decoder::decode);

        assertTrue(decoder.isComplete());
        assertEquals(List.of(), decoder.decode(new StreamEvent("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"late\"}}")));
    }

    @Test
    void pingsAndBlockStopsMakeNoChunks() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        assertEquals(List.of(), decoder.decode(new StreamEvent("ping", "{\"type\": \"ping\"}")));
        assertEquals(List.of(),
                decoder.decode(new StreamEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0  }")));
        assertFalse(decoder.isComplete());
    }

    @Test
    void eventThatIsNotJsonFailsWithAnExcerptAndMayBeRetried() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        ProviderServerException error = assertThrows(ProviderServerException.class,
                () -> decoder.decode(new StreamEvent("message_start", "<html>gateway timeout</html>")));
        assertTrue(error.getMessage().contains("<html>gateway timeout</html>"), error.getMessage());
        assertEquals("invalid_response", error.errorType());
        assertTrue(error.isRetryable());
    }

    @Test
    void streamWithoutUsageInMessageStartStillCountsTheDelta() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        List<AIMessageChunk> chunks = new ArrayList<>();
        chunks.addAll(decoder.decode(new StreamEvent("message_start",
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\"}}")));
        chunks.addAll(decoder.decode(new StreamEvent("message_delta",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":12}}")));

        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertEquals(UsageMetadata.of(0, 12), message.usage());
        assertNull(chunks.get(0).usage());
        assertEquals(FinishReason.LENGTH, message.finishReason());
        assertEquals("max_tokens", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
    }

    private static AIMessageChunk sumInRandomTree(List<AIMessageChunk> chunks, int from, int to, Random random) {
        if (to - from == 0) {
            return AIMessageChunk.empty();
        }
        if (to - from == 1) {
            return chunks.get(from);
        }
        int split = from + 1 + random.nextInt(to - from - 1);
        return sumInRandomTree(chunks, from, split, random).concat(sumInRandomTree(chunks, split, to, random));
    }

    /** What a recorded stream says, read straight from its events. */
    private record Expected(String id, String text, String reasoning, List<String> signatures,
            List<Map<String, Object>> toolCallArgs, long inputTokens, long outputTokens, String stopReason) {

        static Expected from(List<StreamEvent> events) {
            StringBuilder text = new StringBuilder();
            StringBuilder reasoning = new StringBuilder();
            List<String> signatures = new ArrayList<>();
            Map<Integer, StringBuilder> toolArgs = new LinkedHashMap<>();
            String id = null;
            String stopReason = null;
            long input = 0;
            long output = 0;
            for (StreamEvent event : events) {
                JsonNode data = AnthropicRecordings.json(event.data());
                JsonNode delta = data.path("delta");
                switch (data.path("type").asText()) {
                    case "message_start" -> id = data.at("/message/id").asText();
                    case "content_block_start" -> {
                        if (data.at("/content_block/type").asText().equals("tool_use")) {
                            toolArgs.put(data.get("index").asInt(), new StringBuilder());
                        }
                    }
                    case "content_block_delta" -> {
                        switch (delta.path("type").asText()) {
                            case "text_delta" -> text.append(delta.get("text").asText());
                            case "thinking_delta" -> reasoning.append(delta.get("thinking").asText());
                            case "signature_delta" -> signatures.add(delta.get("signature").asText());
                            case "input_json_delta" -> {
                                StringBuilder args = toolArgs.get(data.get("index").asInt());
                                if (args != null) {
                                    args.append(delta.get("partial_json").asText());
                                }
                            }
                            default -> {
                            }
                        }
                    }
                    case "message_delta" -> {
                        JsonNode usage = data.get("usage");
                        input = usage.path("input_tokens").asLong() + usage.path("cache_read_input_tokens").asLong()
                                + usage.path("cache_creation_input_tokens").asLong();
                        output = usage.path("output_tokens").asLong();
                        stopReason = delta.path("stop_reason").asText();
                    }
                    default -> {
                    }
                }
            }
            List<Map<String, Object>> args = toolArgs.values().stream()
                    .map(json -> PartialJson.parseObject(json.toString()).value()).toList();
            return new Expected(id, text.toString(), reasoning.toString(), signatures, args, input, output, stopReason);
        }
    }
}
