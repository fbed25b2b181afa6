package dev.chatmodels.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.QuotaExceededException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.usage.UsageMetadata;

/** Non-streamed answers, decoded from the recordings in {@code fixtures/openai-chat/*.response.json}. */
class OpenAiChatDecodeTest {

    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    @Test
    void textAnswerWithUsageDetailsAndMetadata() {
        AIMessage message = codec.decode(recorded("openai-chat", "text_nonstream"));
        assertTrue(message.text().startsWith("Hello! I'm just a program"), message.text());
        assertEquals("chatcmpl-CQLEurEnnAn9VqHHvP5e8oHEZ5FFX", message.id());
        assertEquals(Map.of(ResponseMetadata.ID, "chatcmpl-CQLEurEnnAn9VqHHvP5e8oHEZ5FFX", ResponseMetadata.MODEL_NAME,
                "gpt-4o-2024-08-06", "system_fingerprint", "fp_cbf1785567", "service_tier", "default",
                ResponseMetadata.FINISH_REASON, "stop", ResponseMetadata.PROVIDER_FINISH_REASON, "stop"),
                message.responseMetadata());
        assertEquals(new UsageMetadata(13, 29, 42, new UsageMetadata.InputTokenDetails(0L, null, 0L),
                new UsageMetadata.OutputTokenDetails(0L, 0L)), message.usage());
        assertTrue(message.toolCalls().isEmpty());
        assertEquals(List.of(TextBlock.of(message.text())), message.content());
    }

    @Test
    void cachedPromptTokensBecomeCacheRead() {
        AIMessage message = codec.decode(recorded("openai-chat", "usage_cached_tokens"));
        assertEquals(1144, message.usage().inputTokens());
        assertEquals(1024L, message.usage().inputTokenDetails().cacheRead());
        assertEquals("Hello!", message.text());
    }

    @Test
    void reasoningTokensOfAnOSeriesModel() {
        AIMessage message = codec.decode(recorded("openai-chat", "reasoning_model_o1_mini"));
        assertEquals(64L, message.usage().outputTokenDetails().reasoning());
        assertEquals(84, message.usage().outputTokens());
        assertEquals("o1-mini-2024-09-12", message.modelName());
        assertFalse(message.responseMetadata().containsKey("system_fingerprint"), "null fingerprint is left out");
        assertFalse(message.responseMetadata().containsKey(ResponseMetadata.LOGPROBS));
    }

    @Test
    void parallelToolCallsWithParsedArguments() {
        AIMessage message = codec.decode(recorded("openai-chat", "tool_calls_parallel_nonstream"));
        assertEquals(List.of(
                new ToolCall("call_kz1qLLRsugXwWiQMeH9oFAep", "parallel_local_search_one",
                        Map.of("query", "latest OpenAI model release notes")),
                new ToolCall("call_yNouGq1Kv6P5W9fhTng6acZi", "parallel_local_search_two",
                        Map.of("query", "latest Anthropic model release notes")),
                new ToolCall("call_O7MqnuniDmyT6a0BS31GTunB", "parallel_local_search_three",
                        Map.of("query", "latest Gemini model release notes"))),
                message.toolCalls());
        assertTrue(message.content().isEmpty(), "null content gives no block");
        assertEquals(FinishReason.TOOL_CALLS, message.finishReason());
        assertEquals(337, message.usage().totalTokens());
    }

    @Test
    void argumentsThatAreNotAJsonObjectBecomeInvalidToolCallsNotExceptions() {
        ObjectNode response = recorded("openai-chat", "tool_calls_parallel_nonstream");
        ArrayNode calls = (ArrayNode) response.get("choices").get(0).get("message").get("tool_calls");
        ((ObjectNode) calls.get(1).get("function")).put("arguments", "{\"query\": \"latest Anthr");
        ((ObjectNode) calls.get(2).get("function")).put("arguments", "[1, 2]");
        AIMessage message = codec.decode(response);
        assertEquals(1, message.toolCalls().size());
        assertEquals(2, message.invalidToolCalls().size());
        InvalidToolCall truncated = message.invalidToolCalls().get(0);
        assertEquals("call_yNouGq1Kv6P5W9fhTng6acZi", truncated.id());
        assertEquals("parallel_local_search_two", truncated.name());
        assertEquals("{\"query\": \"latest Anthr", truncated.args());
        assertTrue(truncated.error() != null && !truncated.error().isBlank());
        assertEquals("[1, 2]", message.invalidToolCalls().get(1).args());
        assertTrue(message.invalidToolCalls().get(1).error().contains("object"), message.invalidToolCalls().get(1).error());
    }

    @Test
    void toolCallWithEmptyObjectArgumentsNextToAResponseFormat() {
        AIMessage message = codec.decode(recorded("openai-chat", "structured_output_json_schema_with_tool_call"));
        assertEquals(List.of(new ToolCall("call_PkRGedQNRFUzJp2R7dO7avWR", "get_user_country", Map.of())),
                message.toolCalls());
    }

    @Test
    void structuredOutputIsTheTextOfTheAnswer() {
        AIMessage message = codec.decode(recorded("openai-chat", "structured_output_json_schema"));
        JsonNode parsed = Fixtures.json("openai-chat", "structured_output_json_schema.response.json");
        assertEquals(parsed.get("choices").get(0).get("message").get("content").asText(), message.text());
        assertTrue(message.text().contains("Paris"), message.text());
    }

    @Test
    void logprobsGoIntoResponseMetadata() {
        AIMessage message = codec.decode(recorded("openai-chat", "logprobs_docs"));
        @SuppressWarnings("unchecked")
        Map<String, Object> logprobs = (Map<String, Object>) message.responseMetadata().get(ResponseMetadata.LOGPROBS);
        List<?> tokens = (List<?>) logprobs.get("content");
        assertEquals(9, tokens.size());
        assertEquals("Hello", ((Map<?, ?>) tokens.get(0)).get("token"));
        assertEquals(2, ((List<?>) ((Map<?, ?>) tokens.get(0)).get("top_logprobs")).size());
        // The documented example has no prompt_tokens_details: input details stay unknown.
        assertNull(message.usage().inputTokenDetails());
        assertEquals(0L, message.usage().outputTokenDetails().reasoning());
    }

    @Test
    void refusalBecomesANonStandardBlockAndGoesBackAsRefusal() {
        ObjectNode response = recorded("openai-chat", "text_nonstream");
        ObjectNode recordedMessage = (ObjectNode) response.get("choices").get(0).get("message");
        recordedMessage.putNull("content");
        recordedMessage.put("refusal", "I'm sorry, I can't help with that.");
        AIMessage message = codec.decode(response);
        assertEquals("", message.text());
        NonStandardBlock refusal = assertInstanceOf(NonStandardBlock.class, message.content().get(0));
        assertEquals(Map.of("type", "refusal", "refusal", "I'm sorry, I can't help with that."), refusal.value());
        JsonNode encoded = codec.encode(ChatRequest.of(List.of(message), ModelSettings.of("gpt-4o")), false)
                .get("messages").get(0);
        assertEquals("I'm sorry, I can't help with that.", encoded.get("refusal").asText());
    }

    @Test
    void urlCitationsBecomeCitationAnnotationsOnTheText() {
        // The recorded search-preview answer has no citation; this adds one in the documented url_citation shape.
        ObjectNode response = recorded("openai-chat", "web_search_options_search_preview");
        ObjectNode recordedMessage = (ObjectNode) response.get("choices").get(0).get("message");
        recordedMessage.putArray("annotations").addObject().put("type", "url_citation").putObject("url_citation")
                .put("start_index", 0).put("end_index", 12).put("title", "Today").put("url", "https://example.com/today");
        AIMessage message = codec.decode(response);
        TextBlock text = assertInstanceOf(TextBlock.class, message.content().get(0));
        assertEquals("May 14, 2025, 8:51:29 AM ", text.text());
        assertEquals(List.of(Map.of("type", "citation", "start_index", 0, "end_index", 12, "title", "Today", "url",
                "https://example.com/today")), text.annotations());
    }

    @Test
    void emptySystemFingerprintAndNoServiceTierAreLeftOut() {
        AIMessage message = codec.decode(recorded("openai-chat", "web_search_options_search_preview"));
        assertFalse(message.responseMetadata().containsKey("system_fingerprint"));
        assertFalse(message.responseMetadata().containsKey("service_tier"));
        assertTrue(((TextBlock) message.content().get(0)).annotations().isEmpty());
    }

    @Test
    void groqAnswerWithoutTokenDetails() {
        AIMessage message = codec.decode(recorded("groq", "text_nonstream"));
        assertEquals("The capital of France is Paris.", message.text());
        assertEquals(new UsageMetadata(48, 8, 56, null, null), message.usage());
        assertEquals("llama-3.3-70b-versatile", message.modelName());
    }

    @Test
    void ollamaReasoningFieldBecomesAReasoningBlockListedFirst() {
        AIMessage message = codec.decode(recorded("ollama", "openai_compat_tool_call"));
        assertEquals("Paris.", message.text());
        assertTrue(message.reasoning().startsWith("We need to answer question"), message.reasoning());
        assertInstanceOf(ReasoningBlock.class, message.contentBlocks().get(0));
        assertEquals(256, message.usage().totalTokens());
    }

    @Test
    void ollamaStructuredOutput() {
        AIMessage message = codec.decode(recorded("ollama", "openai_compat_json_schema"));
        assertEquals("{ \"city\": \"Paris\", \"country\": \"France\" }", message.text());
        assertFalse(message.reasoning().isEmpty());
    }

    @Test
    void anErrorObjectInA200AnswerThrowsATypedException() {
        JsonNode body = Fixtures.json("openai-chat", "error_429_insufficient_quota.response.json");
        QuotaExceededException error = assertThrows(QuotaExceededException.class, () -> codec.decode(body));
        assertEquals("insufficient_quota", error.errorCode());
        assertEquals(ProviderError.Kind.QUOTA, error.error().kind());
        ProviderServerException serverError = assertThrows(ProviderServerException.class,
                () -> codec.decode(Fixtures.json("openai-chat", "error_503_overloaded.response.json")));
        assertEquals(ProviderError.Kind.SERVER, serverError.error().kind());
        assertEquals("server_error", serverError.errorType());
    }

    private static ObjectNode recorded(String provider, String scenario) {
        return (ObjectNode) Fixtures.json(provider, scenario + ".response.json");
    }
}
