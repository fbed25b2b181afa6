package dev.chatmodels.provider.google;

import static dev.chatmodels.provider.google.GeminiRecordings.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.usage.UsageMetadata;

/** Decoding of recorded Gemini answers. */
class GeminiCodecDecodeTest {

    private final GeminiCodec codec = GeminiRecordings.codec();

    @Test
    void textWithThinkingTokensCountedAsOutput() {
        AIMessage message = codec.decode(response("generate_content_text"));

        assertEquals("Hello! How can I help you today?", message.text());
        assertEquals(FinishReason.STOP, message.finishReason());
        assertEquals("STOP", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
        assertEquals("gemini-2.5-flash", message.modelName());
        assertEquals("bzlXaa_EE_aHqtsPi_zw8Ao", message.id());
        assertEquals(new UsageMetadata(9, 43, 52, null, new UsageMetadata.OutputTokenDetails(null, 34L)), message.usage());
    }

    @Test
    void functionCallWithoutIdIsNamedAfterTheAnswer() {
        AIMessage message = codec.decode(response("function_call"));

        assertEquals(List.of(new ToolCall("call_LlteaIDvD9m7nvgPz5Sb0Aw_0", "get_user_country", Map.of())),
                message.toolCalls());
        assertEquals(FinishReason.TOOL_CALLS, message.finishReason(), "Gemini says STOP when it calls tools");
        assertEquals("STOP", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
        assertEquals(5.670217797160149e-06, message.responseMetadata().get(GeminiResponseDecoder.AVG_LOGPROBS));
    }

    @Test
    void parallelFunctionCallsKeepTheirOrderAndTheFirstOnesSignature() {
        AIMessage message = codec.decode(response("function_calls_parallel"));

        assertEquals(List.of("parallel_local_search_one", "parallel_local_search_two", "parallel_local_search_three"),
                message.toolCalls().stream().map(ToolCall::name).toList());
        assertEquals(Map.of("query", "latest Gemini model release notes"), message.toolCalls().get(2).args());
        ReasoningBlock signature = assertInstanceOf(ReasoningBlock.class, message.content().get(0));
        assertEquals(List.of("call_alKWacytCLi5jMcPhISaoAI_0", "call_alKWacytCLi5jMcPhISaoAI_1",
                "call_alKWacytCLi5jMcPhISaoAI_2"), message.toolCalls().stream().map(ToolCall::id).toList());
        assertEquals("call_alKWacytCLi5jMcPhISaoAI_0", signature.extras().get(GeminiParts.TOOL_CALL_ID));
        assertTrue(signature.extras().get(GeminiParts.THOUGHT_SIGNATURE).toString().startsWith("CrICAb4+9vtrrkiS"));
        assertEquals("", message.reasoning(), "a signature is not reasoning text");
        assertEquals("Model generated function call(s).",
                message.responseMetadata().get(GeminiResponseDecoder.FINISH_MESSAGE));
        assertEquals(new UsageMetadata(291, 137, 428, null, new UsageMetadata.OutputTokenDetails(null, 67L)),
                message.usage());
    }

    @Test
    void thoughtsAreReasoningAndTheAnswerKeepsItsSignature() {
        AIMessage message = codec.decode(response("thought_parts_nonstream"));

        assertTrue(message.reasoning().startsWith("**A Safe Street-Crossing Guide: My Thought Process**"));
        assertTrue(message.text().startsWith("Crossing the street safely is a fundamental skill"));
        ReasoningBlock signature = assertInstanceOf(ReasoningBlock.class, message.content().get(1));
        assertTrue(signature.extras().get(GeminiParts.THOUGHT_SIGNATURE).toString().startsWith("EqoeCqceAdHtim+c"));
        assertInstanceOf(TextBlock.class, message.content().get(2));
        assertEquals(new UsageMetadata(29, 1737, 1766, null, new UsageMetadata.OutputTokenDetails(null, 1001L)),
                message.usage());
    }

    @Test
    void cachedContentIsACacheRead() {
        AIMessage message = codec.decode(response("usage_cached_content"));

        assertEquals(new UsageMetadata(3520, 44, 3564, new UsageMetadata.InputTokenDetails(null, null, 3512L),
                new UsageMetadata.OutputTokenDetails(null, 42L)), message.usage());
    }

    @Test
    void implicitCacheAndAudioTokensOfAVideo() {
        AIMessage message = codec.decode(response("usage_implicit_cache_multimodal"));

        assertEquals(new UsageMetadata(17713, 889, 18602, new UsageMetadata.InputTokenDetails(1917L, null, 17379L),
                new UsageMetadata.OutputTokenDetails(null, 821L)), message.usage());
    }

    @Test
    void imageOutput() {
        AIMessage message = codec.decode(response("image_output_nonstream"));

        assertTrue(message.text().startsWith("Once, in a hidden cenote, lived an axolotl named Pip"));
        DataBlock image = assertInstanceOf(DataBlock.class, message.content().get(1));
        assertEquals(DataBlock.Kind.IMAGE, image.kind());
        assertEquals("image/png", image.mimeType());
        assertEquals(response("image_output_nonstream").at("/candidates/0/content/parts/1/inlineData/data").asText(),
                image.base64());
    }

    @Test
    void jpegImageOutputAlone() {
        AIMessage message = codec.decode(response("image_output_vertex_jpeg_nonstream"));

        DataBlock image = assertInstanceOf(DataBlock.class, message.content().get(0));
        assertEquals("image/jpeg", image.mimeType());
        assertTrue(image.base64().startsWith("/9j/"), "a JPEG");
        assertEquals(1, message.content().size());
    }

    @Test
    void logprobsInOpenAiShape() {
        AIMessage message = codec.decode(response("vertex_logprobs"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tokens = (List<Map<String, Object>>) ((Map<String, Object>) message.responseMetadata()
                .get(ResponseMetadata.LOGPROBS)).get("content");
        assertEquals(List.of("2", " +", " ", "2", " =", " ", "4"), tokens.stream().map(t -> t.get("token")).toList());
        assertEquals(-0.01972555, tokens.get(0).get("logprob"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> alternatives = (List<Map<String, Object>>) tokens.get(1).get("top_logprobs");
        assertEquals(Map.of("token", "+", "logprob", -5.1196923), alternatives.get(1));
        assertEquals(5, alternatives.size());
    }

    @ParameterizedTest
    @ValueSource(strings = { "image_input_inline_nonstream", "audio_input_inline_nonstream", "video_input_inline_nonstream",
            "pdf_input_inline_nonstream", "pdf_input_file_data_vertex" })
    void answersAboutMediaInput(String scenario) {
        AIMessage message = codec.decode(response(scenario));

        assertEquals(response(scenario).at("/candidates/0/content/parts/0/text").asText(), message.text());
        assertEquals(FinishReason.STOP, message.finishReason());
        assertEquals(response(scenario).at("/usageMetadata/totalTokenCount").asLong(), message.usage().totalTokens());
    }

    /** The answer shape of a candidate stopped for safety, as Google documents it (no recording has one). */
    @Test
    void safetyStopIsAContentFilter() {
        AIMessage message = codec.decode(RecordedJson.parse("""
                {"candidates": [{"finishReason": "SAFETY", "index": 0, "safetyRatings": [
                  {"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": true}]}],
                 "usageMetadata": {"promptTokenCount": 12, "totalTokenCount": 12}, "modelVersion": "gemini-2.5-flash"}"""));

        assertEquals(FinishReason.CONTENT_FILTER, message.finishReason());
        assertEquals("SAFETY", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
        assertEquals(List.of(Map.of("category", "HARM_CATEGORY_DANGEROUS_CONTENT", "probability", "HIGH", "blocked", true)),
                message.responseMetadata().get(GeminiResponseDecoder.SAFETY_RATINGS));
        assertTrue(message.content().isEmpty());
    }

    @Test
    void blockedPromptIsAContentFilter() {
        AIMessage message = codec.decode(RecordedJson.parse("""
                {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},
                 "usageMetadata": {"promptTokenCount": 7, "totalTokenCount": 7}}"""));

        assertEquals(FinishReason.CONTENT_FILTER, message.finishReason());
        assertEquals("PROHIBITED_CONTENT", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
    }

    @Test
    void maxTokensIsLength() {
        AIMessage message = codec.decode(RecordedJson.parse("""
                {"candidates": [{"content": {"parts": [{"text": "The"}], "role": "model"}, "finishReason": "MAX_TOKENS"}]}"""));

        assertEquals(FinishReason.LENGTH, message.finishReason());
    }

    @Test
    void answerOfAnotherShapeIsAnInvalidResponse() {
        ProviderException error = assertThrows(ProviderException.class,
                () -> codec.decode(RecordedJson.parse("{\"candidates\": {\"content\": \"x\"}}")));

        assertInstanceOf(ProviderServerException.class, error);
        assertEquals(ProviderError.INVALID_RESPONSE, error.error().type());
    }
}
