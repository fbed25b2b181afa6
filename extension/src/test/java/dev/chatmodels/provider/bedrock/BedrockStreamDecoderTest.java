package dev.chatmodels.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.RateLimitException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.testing.EventStreamFrames;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;

/** Decoding of recorded ConverseStream bodies, frame by frame and summed. */
class BedrockStreamDecoderTest {

    @Test
    void textStreamSumsToTheWholeAnswer() {
        AIMessage message = AIMessageChunk.sum(BedrockRecordings.chunks("converse_stream_text")).toMessage();

        assertEquals(recordedText("converse_stream_text", 0), message.text());
        assertEquals("stop", message.responseMetadata().get(ResponseMetadata.FINISH_REASON));
        assertEquals("end_turn", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
        assertEquals(UsageMetadata.of(13, 82), message.usage());
        assertEquals(522L, message.responseMetadata().get(BedrockResponseDecoder.LATENCY_MS));
    }

    @Test
    void streamedToolInputBecomesAToolCall() {
        List<AIMessageChunk> chunks = BedrockRecordings.chunks("converse_stream_tool_use");
        List<ToolCallChunk> toolChunks = chunks.stream().flatMap(chunk -> chunk.toolCallChunks().stream()).toList();
        assertEquals(List.of(new ToolCallChunk("tooluse_lAG_zP8QRHmSYOwZzzaCqA", "get_temperature", "", 1),
                new ToolCallChunk(null, null, "{\"city\":\"Paris\"}", 1)), toolChunks);

        AIMessage message = AIMessageChunk.sum(chunks).toMessage();

        assertEquals(List.of(new ToolCall("tooluse_lAG_zP8QRHmSYOwZzzaCqA", "get_temperature", Map.of("city", "Paris"))),
                message.toolCalls());
        assertEquals(recordedText("converse_stream_tool_use", 0), message.text());
        assertEquals("tool_calls", message.responseMetadata().get(ResponseMetadata.FINISH_REASON));
        assertEquals("tool_use", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
        assertEquals(UsageMetadata.of(471, 91), message.usage());
    }

    @Test
    void reasoningStreamKeepsTheSignature() {
        AIMessage message = AIMessageChunk.sum(BedrockRecordings.chunks("converse_stream_reasoning")).toMessage();

        ReasoningBlock reasoning = message.content().stream().filter(ReasoningBlock.class::isInstance)
                .map(ReasoningBlock.class::cast).findFirst().orElseThrow();
        StringBuilder recordedReasoning = new StringBuilder();
        String recordedSignature = null;
        for (JsonNode frame : BedrockRecordings.recordedFrames("converse_stream_reasoning")) {
            JsonNode delta = frame.at("/payload/delta/reasoningContent");
            recordedReasoning.append(delta.path("text").asText());
            recordedSignature = delta.has("signature") ? delta.get("signature").asText() : recordedSignature;
        }
        assertEquals(recordedReasoning.toString(), reasoning.reasoning());
        assertEquals(recordedSignature, reasoning.extras().get(BedrockResponseDecoder.SIGNATURE));
        assertEquals("Hello! It's nice to meet you. How can I help you today?", message.text());
        assertEquals(UsageMetadata.of(36, 73), message.usage());
    }

    /** However a stream's chunks are grouped before adding them up, the message is the same. */
    @ParameterizedTest
    @ValueSource(strings = { "converse_stream_text", "converse_stream_tool_use", "converse_stream_reasoning" })
    void anyRegroupingSumsToTheSameMessage(String scenario) {
        List<AIMessageChunk> chunks = BedrockRecordings.chunks(scenario);
        AIMessage whole = AIMessageChunk.sum(chunks).toMessage();
        Random random = new Random(scenario.hashCode());
        for (int round = 0; round < 20; round++) {
            List<AIMessageChunk> groups = new ArrayList<>();
            int start = 0;
            while (start < chunks.size()) {
                int end = Math.min(chunks.size(), start + 1 + random.nextInt(6));
                groups.add(AIMessageChunk.sum(chunks.subList(start, end)));
                start = end;
            }
            assertEquals(whole.content(), AIMessageChunk.sum(groups).toMessage().content(), scenario);
            assertEquals(whole.usage(), AIMessageChunk.sum(groups).toMessage().usage(), scenario);
        }
    }

    @Test
    void redactedReasoningDeltaKeepsItsContent() {
        BedrockStreamDecoder decoder = new BedrockStreamDecoder();

        List<AIMessageChunk> chunks = decoder.decode(new StreamEvent("contentBlockDelta",
                "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"redactedContent\":\"RW5jcnlwdGVk\"}}}"));

        assertEquals(List.of(new ReasoningBlock("", Map.of(BedrockResponseDecoder.REDACTED_CONTENT, "RW5jcnlwdGVk"), 0, null)),
                chunks.get(0).content());
    }

    @Test
    void metadataIsTheLastEvent() {
        BedrockStreamDecoder decoder = new BedrockStreamDecoder();
        List<StreamEvent> events = BedrockRecordings.events("converse_stream_text");
        events.subList(0, events.size() - 1).forEach(decoder::decode);
        assertFalse(decoder.isComplete());

        decoder.decode(events.get(events.size() - 1));

        assertTrue(decoder.isComplete());
        assertEquals(List.of(), decoder.decode(events.get(1)));
    }

    @ParameterizedTest
    @CsvSource({
            "throttlingException, dev.chatmodels.error.RateLimitException",
            "validationException, dev.chatmodels.error.InvalidRequestException",
            "serviceUnavailableException, dev.chatmodels.error.ProviderServerException",
            "modelNotReadyException, dev.chatmodels.error.ProviderServerException",
            "internalServerException, dev.chatmodels.error.ProviderServerException",
            "modelStreamErrorException, dev.chatmodels.error.ProviderServerException" })
    void exceptionFrameInAStreamIsTheTypedError(String type, Class<? extends ProviderException> expected) {
        BedrockStreamDecoder decoder = new BedrockStreamDecoder();
        BedrockRecordings.events("converse_stream_text").subList(0, 3).forEach(decoder::decode);
        StreamEvent exception = BedrockRecordings.deframe(
                EventStreamFrames.exception(type, "{\"message\":\"Try again later.\"}"), List.of()).get(0);

        ProviderException error = assertThrows(ProviderException.class, () -> decoder.decode(exception));

        assertInstanceOf(expected, error);
        assertEquals(Character.toUpperCase(type.charAt(0)) + type.substring(1), error.error().type());
        assertEquals("Try again later.", error.error().message());
    }

    @Test
    void retryableStreamExceptionsAreServerErrors() {
        BedrockStreamDecoder decoder = new BedrockStreamDecoder();
        assertInstanceOf(ProviderServerException.class, assertThrows(ProviderException.class,
                () -> decoder.decode(new StreamEvent("serviceUnavailableException", "{\"message\":\"down\"}"))));
        assertInstanceOf(RateLimitException.class, assertThrows(ProviderException.class,
                () -> decoder.decode(new StreamEvent("throttlingException", "not json"))));
        assertInstanceOf(InvalidRequestException.class, assertThrows(ProviderException.class,
                () -> decoder.decode(new StreamEvent("validationException", ""))));
    }

    private static String recordedText(String scenario, int index) {
        StringBuilder text = new StringBuilder();
        for (JsonNode frame : BedrockRecordings.recordedFrames(scenario)) {
            JsonNode payload = frame.get("payload");
            if (payload.path("contentBlockIndex").asInt(-1) == index && payload.at("/delta/text").isTextual()) {
                text.append(payload.at("/delta/text").asText());
            }
        }
        return text.toString();
    }
}
