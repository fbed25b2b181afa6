package dev.chatmodels.provider.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;

/** Decoding of recorded Gemini streams, event by event and summed. */
class GeminiStreamDecoderTest {

    private static final int REGROUPINGS = 200;

    @Test
    void textStreamEndsWithTheLastUsageReport() {
        List<AIMessageChunk> chunks = GeminiRecordings.chunks("stream_generate_content_text");

        assertEquals(List.of("The", " capital of France", " is Paris.\n"), chunks.stream().map(AIMessageChunk::text).toList());
        assertTrue(chunks.stream().allMatch(chunk -> chunk.content().get(0).index() == 0), "one text block");
        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertEquals("The capital of France is Paris.\n", message.text());
        assertEquals(FinishReason.STOP, message.finishReason());
        assertEquals("w1peaMz6INOvnvgPgYfPiQY", message.id());
        assertEquals("gemini-2.0-flash-exp", message.modelName());
        // each event reports the usage so far (the prompt count even shrinks from 15 to 13): the sum is the last report
        assertEquals(UsageMetadata.of(13, 8), message.usage());
    }

    @Test
    void thoughtsThenAnAnswerWithASignature() {
        AIMessage message = AIMessageChunk.sum(GeminiRecordings.chunks("thought_parts_stream")).toMessage();

        assertTrue(message.reasoning().startsWith("**Clarifying User Goals**"));
        assertTrue(message.reasoning().contains("**Crafting Safe Instructions**"));
        assertTrue(message.text().startsWith("This is a great question! Safely crossing the street"));
        assertTrue(message.text().endsWith("Always assume a driver might not see you."));
        assertEquals(3, message.content().size(), "thoughts, the answer's signature, the answer");
        ReasoningBlock signature = assertInstanceOf(ReasoningBlock.class, message.content().get(1));
        assertTrue(signature.extras().get(GeminiParts.THOUGHT_SIGNATURE).toString().startsWith("CiIB0e2Kb6Syj1a961"));
        assertInstanceOf(TextBlock.class, message.content().get(2));
        assertEquals(new UsageMetadata(34, 469 + 787, 1290, null, new UsageMetadata.OutputTokenDetails(null, 787L)),
                message.usage());
    }

    @Test
    void twoStreamedCallsAreNamedAfterTheAnswerAndTheirPlace() {
        AIMessage message = AIMessageChunk.sum(GeminiRecordings.chunks("function_calls_stream")).toMessage();

        assertEquals(List.of(new ToolCall("call_h99baZTLOoSShMIPgYaAgQw_0", "get_current_temperature", Map.of("city", "Paris")),
                new ToolCall("call_h99baZTLOoSShMIPgYaAgQw_1", "get_current_temperature", Map.of("city", "London"))),
                message.toolCalls());
        assertEquals(FinishReason.TOOL_CALLS, message.finishReason());
    }

    @Test
    void streamedCallKeepsItsSignatureAndTheLaterStopMeansToolCalls() {
        AIMessage message = AIMessageChunk.sum(GeminiRecordings.chunks("function_call_stream_thought_signature"))
                .toMessage();

        assertEquals(List.of(new ToolCall("call_QUVVadTSNJ6_qtsPvN7J8Q0_0", "get_country", Map.of())), message.toolCalls());
        ReasoningBlock signature = assertInstanceOf(ReasoningBlock.class, message.content().get(0));
        assertEquals("call_QUVVadTSNJ6_qtsPvN7J8Q0_0", signature.extras().get(GeminiParts.TOOL_CALL_ID));
        assertEquals(FinishReason.TOOL_CALLS, message.finishReason(), "the call came in an earlier event than the STOP");
        assertEquals(new UsageMetadata(29, 212, 241, null, new UsageMetadata.OutputTokenDetails(null, 202L)),
                message.usage());
    }

    @Test
    void anyRegroupingOfARecordedStreamSumsToTheSameMessage() {
        Random random = new Random(42);
        for (String scenario : GeminiRecordings.streams()) {
            List<AIMessageChunk> chunks = GeminiRecordings.chunks(scenario);
            AIMessageChunk whole = AIMessageChunk.sum(chunks);
            for (int i = 0; i < REGROUPINGS; i++) {
                assertEquals(whole, sumInRandomTree(chunks, 0, chunks.size(), random), scenario + " regrouping " + i);
            }
            assertEquals(lastUsage(scenario), whole.usage(), scenario);
        }
    }

    @Test
    void theEventWithAFinishReasonCompletesTheStream() {
        StreamDecoder decoder = GeminiRecordings.codec().newStreamDecoder();
        List<StreamEvent> events = GeminiRecordings.events("stream_generate_content_text");

        decoder.decode(events.get(0));
        assertFalse(decoder.isComplete());
        decoder.decode(events.get(1));
        decoder.decode(events.get(2));
        assertTrue(decoder.isComplete());
        assertEquals(List.of(), decoder.decode(events.get(0)), "events after the end are ignored");
    }

    /** Google sends an error in the stream as an event holding its error envelope. */
    @Test
    void errorEventThrows() {
        StreamDecoder decoder = GeminiRecordings.codec().newStreamDecoder();
        String body = GeminiRecordings.responseText("error_503_unavailable").replace("\n", "");

        ProviderException error = assertThrows(ProviderException.class, () -> decoder.decode(new StreamEvent(null, body)));

        assertInstanceOf(ProviderServerException.class, error);
        assertEquals("UNAVAILABLE", error.error().type());
        assertEquals(503, error.error().status());
    }

    @Test
    void eventThatIsNotJsonIsAnInvalidResponse() {
        StreamDecoder decoder = GeminiRecordings.codec().newStreamDecoder();

        assertInstanceOf(ProviderServerException.class,
                assertThrows(ProviderException.class, () -> decoder.decode(new StreamEvent(null, "{\"candidates\": ["))));
    }

    @Test
    void signaturesOfTwoThoughtsDoNotRunTogether() {
        StreamDecoder decoder = GeminiRecordings.codec().newStreamDecoder();
        AIMessageChunk sum = AIMessageChunk.sum(List.of(
                decoder.decode(event("{\"text\": \"a\", \"thought\": true, \"thoughtSignature\": \"S1\"}")).get(0),
                decoder.decode(event("{\"text\": \"b\", \"thought\": true, \"thoughtSignature\": \"S2\"}")).get(0)));

        assertEquals(List.of(Map.of(GeminiParts.THOUGHT_SIGNATURE, "S1"), Map.of(GeminiParts.THOUGHT_SIGNATURE, "S2")),
                sum.content().stream().map(block -> ((ReasoningBlock) block).extras()).toList());
    }

    @Test
    void metadataOnTheFirstChunkAndTheFinishOnTheLast() {
        List<AIMessageChunk> chunks = GeminiRecordings.chunks("stream_generate_content_text");

        assertEquals("gemini-2.0-flash-exp", chunks.get(0).responseMetadata().get(ResponseMetadata.MODEL_NAME));
        assertFalse(chunks.get(1).responseMetadata().containsKey(ResponseMetadata.MODEL_NAME));
        assertEquals("STOP", chunks.get(2).responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
    }

    private static StreamEvent event(String part) {
        return new StreamEvent(null, "{\"candidates\": [{\"content\": {\"parts\": [" + part + "], \"role\": \"model\"}}]}");
    }

    private static UsageMetadata lastUsage(String scenario) {
        List<StreamEvent> events = GeminiRecordings.events(scenario);
        JsonNode last = RecordedJson.parse(events.get(events.size() - 1).data());
        return GeminiResponseDecoder.usage(last.path("usageMetadata"));
    }

    private static AIMessageChunk sumInRandomTree(List<AIMessageChunk> chunks, int from, int to, Random random) {
        if (to - from == 1) {
            return chunks.get(from);
        }
        int split = from + 1 + random.nextInt(to - from - 1);
        return sumInRandomTree(chunks, from, split, random).concat(sumInRandomTree(chunks, split, to, random));
    }
}
