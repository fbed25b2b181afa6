package dev.chatmodels.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.usage.UsageMetadata;

/** Decoding of recorded Converse answers. */
class BedrockCodecDecodeTest {

    private final BedrockCodec codec = new BedrockCodec();

    @Test
    void textAnswer() {
        AIMessage message = codec.decode(BedrockRecordings.response("converse_text"));

        assertEquals(List.of(TextBlock.of(
                "Hello! How can I assist you today? Whether you have questions, need information, or just want to chat, I'm here to help.")),
                message.content());
        assertEquals(UsageMetadata.of(7, 30), message.usage());
        assertEquals(FinishReason.STOP, message.finishReason());
        assertEquals("end_turn", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
        assertEquals(268L, message.responseMetadata().get(BedrockResponseDecoder.LATENCY_MS));
    }

    @Test
    void toolUseAnswer() {
        AIMessage message = codec.decode(BedrockRecordings.response("converse_tool_use"));

        ToolCall call = new ToolCall("tooluse_Mj06ft-ITJik1Otgpkc1uA", "temperature",
                Map.of("city", "London", "date", "2022-01-01"));
        assertEquals(List.of(call), message.toolCalls());
        assertEquals(List.of(call), message.content());
        assertEquals(FinishReason.TOOL_CALLS, message.finishReason());
        assertEquals(UsageMetadata.of(571, 22), message.usage());
    }

    @Test
    void reasoningWithSignature() {
        JsonNode recorded = BedrockRecordings.response("converse_reasoning");
        AIMessage message = codec.decode(recorded);

        JsonNode reasoningText = recorded.at("/output/message/content/0/reasoningContent/reasoningText");
        assertEquals(new ReasoningBlock(reasoningText.get("text").asText(),
                Map.of(BedrockResponseDecoder.SIGNATURE, reasoningText.get("signature").asText()), null, null),
                message.content().get(0));
        assertEquals(recorded.at("/output/message/content/1/text").asText(), message.text());
        assertEquals(new UsageMetadata(42, 313, 355, new UsageMetadata.InputTokenDetails(null, 0L, 0L), null),
                message.usage());
    }

    @Test
    void redactedReasoning() {
        AIMessage message = codec.decode(RecordedJson.parse("""
                {"output": {"message": {"role": "assistant", "content": [
                  {"reasoningContent": {"redactedContent": "RW5jcnlwdGVk"}}, {"text": "Hi"}]}},
                 "stopReason": "end_turn", "usage": {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3}}
                """));

        assertEquals(new ReasoningBlock("", Map.of(BedrockResponseDecoder.REDACTED_CONTENT, "RW5jcnlwdGVk"), null, null),
                message.content().get(0));
    }

    @Test
    void cacheReadAndWriteAreInputDetails() {
        AIMessage message = codec.decode(BedrockRecordings.response("converse_cache_read"));

        // inputTokens (2) leaves out the 1322 read from the cache; the total input includes them, as the reference counts
        assertEquals(new UsageMetadata(1324, 5, 1329, new UsageMetadata.InputTokenDetails(null, 0L, 1322L), null),
                message.usage());
        assertEquals("21", message.text());
    }

    @Test
    void imageAnswer() {
        AIMessage message = codec.decode(BedrockRecordings.response("converse_image_input"));

        assertEquals("A line chart showing steady linear revenue growth from $100M in 2020 to $300M in 2024.",
                message.text());
        assertEquals(UsageMetadata.of(435, 29).inputTokens(), message.usage().inputTokens());
    }

    @ParameterizedTest
    @CsvSource({
            "end_turn, STOP", "stop_sequence, STOP", "max_tokens, LENGTH", "model_context_window_exceeded, LENGTH",
            "tool_use, TOOL_CALLS", "guardrail_intervened, CONTENT_FILTER", "content_filtered, CONTENT_FILTER",
            "malformed_tool_use, ERROR", "malformed_model_output, ERROR", "something_new, OTHER" })
    void stopReasonsAreNormalised(String stopReason, FinishReason expected) {
        AIMessage message = codec.decode(RecordedJson.parse("""
                {"output": {"message": {"role": "assistant", "content": [{"text": "x"}]}}, "stopReason": "%s"}
                """.formatted(stopReason)));

        assertEquals(expected, message.finishReason());
        assertEquals(expected.value(), message.responseMetadata().get(ResponseMetadata.FINISH_REASON));
        assertEquals(stopReason, message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
    }

    @Test
    void answerWithoutAMessageIsAnInvalidResponse() {
        ProviderException error = assertThrows(ProviderException.class,
                () -> codec.decode(RecordedJson.parse("{\"output\": {}, \"stopReason\": \"end_turn\"}")));

        assertEquals(ProviderError.INVALID_RESPONSE, error.error().type());
        assertInstanceOf(ProviderException.class, error);
    }
}
