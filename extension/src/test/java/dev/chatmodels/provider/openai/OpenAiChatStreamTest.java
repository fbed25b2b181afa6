package dev.chatmodels.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.QuotaExceededException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.testing.SseFixtures;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;

/** Streamed answers, decoded from the recorded SSE streams. */
class OpenAiChatStreamTest {

    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    @Test
    void textStreamWithTheFinalUsageChunk() {
        List<AIMessageChunk> chunks = decodeAll("openai-chat", "text_stream_include_usage");
        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertEquals("The capital of the UK is London.", message.text());
        assertEquals(List.of(TextBlock.of("The capital of the UK is London.")), message.content());
        assertEquals(new UsageMetadata(78, 9, 87, new UsageMetadata.InputTokenDetails(0L, null, 0L),
                new UsageMetadata.OutputTokenDetails(0L, 0L)), message.usage());
        assertEquals("chatcmpl-Dx0Xq5Xx9rHB2ehcHZCRDsnuymUXc", message.id());
        assertEquals(Map.of(ResponseMetadata.ID, "chatcmpl-Dx0Xq5Xx9rHB2ehcHZCRDsnuymUXc", ResponseMetadata.MODEL_NAME,
                "gpt-4o-mini-2024-07-18", "system_fingerprint", "fp_d0469e1700", "service_tier", "default",
                ResponseMetadata.FINISH_REASON, "stop", ResponseMetadata.PROVIDER_FINISH_REASON, "stop"),
                message.responseMetadata());
    }

    @Test
    void responseLevelMetadataIsOnTheFirstChunkOnly() {
        List<AIMessageChunk> chunks = decodeAll("openai-chat", "text_stream_include_usage");
        assertEquals("gpt-4o-mini-2024-07-18", chunks.get(0).responseMetadata().get(ResponseMetadata.MODEL_NAME));
        assertTrue(chunks.get(0).content().isEmpty(), "the role chunk has an empty content delta");
        for (AIMessageChunk chunk : chunks.subList(1, chunks.size())) {
            assertFalse(chunk.responseMetadata().containsKey(ResponseMetadata.MODEL_NAME));
            assertFalse(chunk.responseMetadata().containsKey(ResponseMetadata.ID));
        }
        AIMessageChunk text = chunks.get(1);
        assertEquals(List.of(TextBlock.indexed("The", OpenAiStreamDecoder.TEXT_INDEX)), text.content());
        AIMessageChunk finish = chunks.get(chunks.size() - 2);
        assertEquals(Map.of(ResponseMetadata.FINISH_REASON, "stop", ResponseMetadata.PROVIDER_FINISH_REASON, "stop"),
                finish.responseMetadata());
        AIMessageChunk usage = chunks.get(chunks.size() - 1);
        assertTrue(usage.content().isEmpty());
        assertEquals(87, usage.usage().totalTokens());
    }

    @Test
    void doneEndsTheStreamWithoutAChunkAndLaterEventsAreIgnored() {
        StreamDecoder decoder = codec.newStreamDecoder();
        List<StreamEvent> events = SseFixtures.events("openai-chat", "text_stream_include_usage.response.sse");
        for (StreamEvent event : events.subList(0, events.size() - 1)) {
            decoder.decode(event);
            assertFalse(decoder.isComplete());
        }
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        assertEquals(List.of(), decoder.decode(events.get(events.size() - 1)));
        assertTrue(decoder.isComplete());
        assertEquals(List.of(), decoder.decode(events.get(1)));
    }

    @Test
    void longerTextStream() {
        AIMessage message = AIMessageChunk.sum(decodeAll("openai-chat", "text_stream_include_usage_2")).toMessage();
        assertTrue(message.text().startsWith("I now can give a great answer  \nFinal Answer: The capital of France is Paris."),
                message.text());
        assertTrue(message.text().endsWith("its illuminated streets and landmarks."), message.text());
        assertEquals(new UsageMetadata(168, 137, 305, new UsageMetadata.InputTokenDetails(0L, null, 0L),
                new UsageMetadata.OutputTokenDetails(0L, 0L)), message.usage());
    }

    @Test
    void toolCallDeltasArriveAsToolCallChunksAndSumToACall() {
        List<AIMessageChunk> chunks = decodeAll("openai-chat", "tool_call_stream_single");
        assertEquals(List.of(new ToolCallChunk("call_ZR5UUuTt3pf61kjwAJIYdVMj", "get_capital", "", 0)),
                chunks.get(0).toolCallChunks());
        assertEquals(List.of(new ToolCallChunk(null, null, "{\"", 0)), chunks.get(1).toolCallChunks());
        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertEquals(List.of(new ToolCall("call_ZR5UUuTt3pf61kjwAJIYdVMj", "get_capital", Map.of("country", "UK"))),
                message.toolCalls());
        assertTrue(message.invalidToolCalls().isEmpty());
        assertEquals(FinishReason.TOOL_CALLS, message.finishReason());
        assertEquals(68, message.usage().totalTokens());
    }

    @Test
    void parallelToolCallDeltasKeepTheirOwnIndexes() {
        List<AIMessageChunk> chunks = decodeAll("openai-chat", "tool_calls_stream_parallel");
        assertEquals(1, chunks.get(3).toolCallChunks().get(0).index());
        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertEquals(List.of(new ToolCall("call_q2UyBRP7eXNTzAoR8lEhjc9Z", "get_country", Map.of()),
                new ToolCall("call_b51ijcpFkDiTQG1bQzsrmtW5", "get_product_name", Map.of())), message.toolCalls());
        assertEquals(new UsageMetadata(364, 40, 404, new UsageMetadata.InputTokenDetails(0L, null, 0L),
                new UsageMetadata.OutputTokenDetails(0L, 0L)), message.usage());
    }

    @Test
    void deepSeekReasoningContentBecomesOneReasoningBlock() {
        List<AIMessageChunk> chunks = decodeAll("deepseek", "reasoning_content_stream");
        assertInstanceOf(ReasoningBlock.class, chunks.get(1).content().get(0));
        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertTrue(message.reasoning().startsWith("Hmm, the user just said \""), message.reasoning());
        assertEquals(1, message.content().stream().filter(ReasoningBlock.class::isInstance).count());
        assertTrue(message.text().endsWith("can I help you today?"), message.text());
        assertFalse(message.text().contains(message.reasoning()));
        assertEquals(new UsageMetadata(6, 212, 218, new UsageMetadata.InputTokenDetails(null, null, 0L),
                new UsageMetadata.OutputTokenDetails(null, 198L)), message.usage());
        assertEquals("deepseek-reasoner", message.modelName());
        assertEquals(FinishReason.STOP, message.finishReason());
    }

    @Test
    void mistralThinkingContentPartsBecomeReasoning() {
        AIMessage message = AIMessageChunk.sum(decodeAll("mistral", "thinking_stream")).toMessage();
        assertTrue(message.reasoning().startsWith("Okay, the user is asking how to cross the"), message.reasoning());
        assertTrue(message.text().endsWith("safe crossing."), message.text());
        assertFalse(message.text().contains("Okay, the user"));
        assertEquals(new UsageMetadata(10, 232, 242, null, null), message.usage());
    }

    /**
     * Summation is associative: whatever way a stream is cut into consecutive groups, summing each group first and the
     * group sums afterwards gives the message the whole stream gives.
     */
    @ParameterizedTest
    @CsvSource({ "openai-chat, text_stream_include_usage", "openai-chat, text_stream_include_usage_2",
            "openai-chat, tool_call_stream_single", "openai-chat, tool_calls_stream_parallel",
            "deepseek, reasoning_content_stream", "mistral, thinking_stream" })
    void anyRegroupingOfARecordedStreamSumsToTheSameMessage(String provider, String scenario) {
        List<AIMessageChunk> chunks = decodeAll(provider, scenario);
        AIMessage whole = AIMessageChunk.sum(chunks).toMessage();
        AIMessage oneByOne = chunks.stream().reduce(AIMessageChunk.empty(), AIMessageChunk::concat).toMessage();
        assertEquals(whole, oneByOne);
        Random random = new Random(scenario.hashCode());
        for (int round = 0; round < 100; round++) {
            assertEquals(whole, regroup(chunks, random).toMessage(), scenario + " round " + round);
        }
        assertNull(AIMessageChunk.sum(chunks).content().stream()
                .filter(b -> b instanceof TextBlock t && t.text().isEmpty() && t.annotations().isEmpty())
                .findFirst().orElse(null), "no empty text blocks");
    }

    /** Cuts the chunks into random consecutive groups, sums each group, then sums the groups, sometimes twice over. */
    private static AIMessageChunk regroup(List<AIMessageChunk> chunks, Random random) {
        List<AIMessageChunk> level = chunks;
        int depth = 1 + random.nextInt(3);
        for (int i = 0; i < depth && level.size() > 1; i++) {
            List<AIMessageChunk> groups = new ArrayList<>();
            int start = 0;
            while (start < level.size()) {
                int end = Math.min(level.size(), start + 1 + random.nextInt(Math.max(1, level.size() / 3)));
                groups.add(AIMessageChunk.sum(level.subList(start, end)));
                start = end;
            }
            level = groups;
        }
        return AIMessageChunk.sum(level);
    }

    @Test
    void anErrorObjectInTheStreamThrowsATypedException() {
        StreamDecoder decoder = codec.newStreamDecoder();
        decoder.decode(SseFixtures.events("openai-chat", "text_stream_include_usage.response.sse").get(0));
        ProviderException error = assertThrows(ProviderException.class, () -> decoder.decode(new StreamEvent(null,
                "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}")));
        assertEquals(ProviderError.Kind.SERVER, error.error().kind());
        assertEquals(200, error.status());
        assertEquals("server_error", error.errorType());
        assertTrue(error.getMessage().contains("The server had an error"), error.getMessage());
    }

    @Test
    void streamErrorKindsComeFromTheCodeOrType() {
        assertThrows(QuotaExceededException.class, () -> codec.newStreamDecoder().decode(new StreamEvent(null,
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}")));
        // OpenRouter puts the HTTP status in a numeric code.
        ProviderException upstream = assertThrows(ProviderException.class, () -> codec.newStreamDecoder()
                .decode(new StreamEvent(null, "{\"error\":{\"code\":429,\"message\":\"Provider returned error\"}}")));
        assertEquals(ProviderError.Kind.RATE_LIMIT, upstream.error().kind());
        ProviderException badRequest = assertThrows(ProviderException.class, () -> codec.newStreamDecoder()
                .decode(new StreamEvent(null, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}")));
        assertEquals(ProviderError.Kind.BAD_REQUEST, badRequest.error().kind());
    }

    @Test
    void anEventThatIsNotJsonFailsWithAnExcerpt() {
        ProviderException error = assertThrows(ProviderException.class,
                () -> codec.newStreamDecoder().decode(new StreamEvent(null, "<html>Bad Gateway</html>")));
        assertTrue(error.getMessage().contains("<html>Bad Gateway</html>"), error.getMessage());
        assertEquals(ProviderError.Kind.SERVER, error.error().kind());
    }

    @Test
    void refusalAndAnnotationDeltasMergeIntoOneBlockEach() {
        StreamDecoder decoder = codec.newStreamDecoder();
        List<AIMessageChunk> chunks = new ArrayList<>();
        for (String data : List.of(
                "{\"id\":\"c1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"refusal\":\"I can't\"}}]}",
                "{\"id\":\"c1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\" help.\"}}]}",
                "{\"id\":\"c1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"See\",\"annotations\":[{\"type\":\"url_citation\",\"url_citation\":{\"url\":\"https://example.com\",\"title\":\"Ex\",\"start_index\":0,\"end_index\":3}}]}}]}",
                "{\"id\":\"c1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" this\"}}]}",
                "[DONE]")) {
            chunks.addAll(decoder.decode(new StreamEvent(null, data)));
        }
        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertEquals("See this", message.text());
        TextBlock text = (TextBlock) message.content().stream().filter(TextBlock.class::isInstance).findFirst().get();
        assertEquals(List.of(Map.of("type", "citation", "url", "https://example.com", "title", "Ex", "start_index", 0,
                "end_index", 3)), text.annotations());
        assertEquals(1, message.content().stream().filter(b -> b.type().equals("non_standard")).count());
        assertTrue(message.content().stream().anyMatch(b -> b instanceof dev.chatmodels.message.content.NonStandardBlock n
                && "I can't help.".equals(n.value().get("refusal"))), message.content().toString());
    }

    private List<AIMessageChunk> decodeAll(String provider, String scenario) {
        StreamDecoder decoder = codec.newStreamDecoder();
        List<AIMessageChunk> chunks = new ArrayList<>();
        for (StreamEvent event : SseFixtures.events(provider, scenario + ".response.sse")) {
            assertFalse(decoder.isComplete(), "an event after [DONE]");
            chunks.addAll(decoder.decode(event));
        }
        assertTrue(decoder.isComplete(), "the recording ends with [DONE]");
        return chunks;
    }
}
