package dev.chatmodels.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolResult;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.usage.UsageMetadata;

/** Decoding of recorded non-streamed Anthropic answers. */
class AnthropicCodecDecodeTest {

    private final AnthropicCodec codec = new AnthropicCodec();

    @Test
    void text() {
        AIMessage message = decode("text_nonstream");

        assertEquals("Hello! It's nice to meet you. How are you doing today?", message.text());
        assertEquals("msg_013PpkaYgnUGGRvrYJ9XExPo", message.id());
        assertEquals("claude-sonnet-4-20250514", message.modelName());
        assertEquals(FinishReason.STOP, message.finishReason());
        assertEquals("end_turn", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
        assertEquals("msg_013PpkaYgnUGGRvrYJ9XExPo", message.responseMetadata().get(ResponseMetadata.ID));
        assertFalse(message.responseMetadata().containsKey(AnthropicResponseDecoder.STOP_SEQUENCE));
        assertEquals(new UsageMetadata(9, 18, 27, new UsageMetadata.InputTokenDetails(null, 0L, 0L), null), message.usage());
        assertTrue(message.toolCalls().isEmpty());
    }

    @Test
    void cachedPromptTokensCountAsInput() {
        assertEquals(new UsageMetadata(1220, 5, 1225, new UsageMetadata.InputTokenDetails(null, 0L, 1217L), null),
                decode("cache_read_nonstream").usage());
        assertEquals(new UsageMetadata(1532, 33, 1565, new UsageMetadata.InputTokenDetails(null, 418L, 1111L), null),
                decode("cache_read_nonstream_2").usage());
        assertEquals(new UsageMetadata(1114, 406, 1520, new UsageMetadata.InputTokenDetails(null, 0L, 1111L), null),
                decode("cache_write_nonstream").usage());
    }

    @Test
    void usageWithoutCacheFields() {
        AIMessage message = codec.decode(json("""
                {"id":"msg_1","model":"claude-3-haiku","content":[{"type":"text","text":"Hi"}],
                 "stop_reason":"stop_sequence","stop_sequence":"END","usage":{"input_tokens":4,"output_tokens":2}}
                """));

        assertEquals(UsageMetadata.of(4, 2), message.usage());
        assertEquals(FinishReason.STOP, message.finishReason());
        assertEquals("stop_sequence", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
        assertEquals("END", message.responseMetadata().get(AnthropicResponseDecoder.STOP_SEQUENCE));
    }

    @Test
    void thinkingKeepsItsSignature() {
        JsonNode response = AnthropicRecordings.response("thinking_nonstream");
        AIMessage message = codec.decode(response);

        ReasoningBlock reasoning = assertInstanceOf(ReasoningBlock.class, message.content().get(0));
        assertEquals(response.at("/content/0/thinking").asText(), reasoning.reasoning());
        assertEquals(response.at("/content/0/signature").asText(), reasoning.extras().get("signature"));
        assertEquals(response.at("/content/0/thinking").asText(), message.reasoning());
        assertEquals(response.at("/content/1/text").asText(), message.text());
        assertEquals(364, message.usage().totalTokens());
    }

    @Test
    void thinkingThenToolUse() {
        AIMessage message = decode("thinking_with_tool_use_nonstream");

        assertEquals(3, message.content().size());
        assertInstanceOf(ReasoningBlock.class, message.content().get(0));
        assertInstanceOf(TextBlock.class, message.content().get(1));
        ToolCall call = new ToolCall("toolu_01YGzqpRE16Vricda3Aqcejo", "get_user_country", Map.of());
        assertEquals(call, message.content().get(2));
        assertEquals(List.of(call), message.toolCalls());
        assertEquals(FinishReason.TOOL_CALLS, message.finishReason());
        assertEquals("tool_use", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
        assertEquals(3, message.contentBlocks().size(), "tool calls held in the content are not listed twice");
    }

    @Test
    void singleToolUse() {
        AIMessage message = decode("tool_use_nonstream");

        assertEquals(List.of(new ToolCall("toolu_01Eobgw8gDD6KegYJz1iyYC7", "get_weather", Map.of("location", "Tokyo"))),
                message.toolCalls());
        assertEquals("", message.text());
    }

    @Test
    void parallelToolUse() {
        AIMessage message = decode("tool_use_parallel_nonstream");

        assertEquals(List.of("Alice", "Bob", "Charlie", "Daisy"),
                message.toolCalls().stream().map(call -> call.args().get("name")).toList());
        assertEquals(List.of("toolu_0167cfEnoQaPviGdVXA95zcu", "toolu_01EEe2V5HD1Ac4rKiUR4HD2T",
                "toolu_01XFyAjstT3966qvRynZyVPo", "toolu_013mnQZbgtK2oe3Mo3XKJsx3"),
                message.toolCalls().stream().map(ToolCall::id).toList());
        assertTrue(message.text().startsWith("I'll help you find out who is the youngest"));
    }

    @Test
    void toolResultFollowUps() {
        assertEquals("The weather in Tokyo is currently sunny and 72°F (approximately 22°C).",
                decode("tool_result_followup_nonstream_2").text());
        AIMessage family = decode("tool_result_followup_nonstream");
        assertEquals("claude-haiku-4-5-20251001", family.modelName());
        assertEquals(UsageMetadata.of(771, 77).totalTokens(), family.usage().totalTokens());
    }

    @Test
    void webSearchServerToolAndCitations() {
        AIMessage message = decode("web_search_nonstream");
        List<ContentBlock> content = message.content();

        assertInstanceOf(ReasoningBlock.class, content.get(0));
        assertEquals(new ServerToolCall("srvtoolu_01EoSNE7k4dUJyGatASCV5qs", "web_search",
                Map.of("query", "San Francisco weather today")), content.get(1));
        ServerToolResult result = assertInstanceOf(ServerToolResult.class, content.get(2));
        assertEquals("srvtoolu_01EoSNE7k4dUJyGatASCV5qs", result.toolCallId());
        assertEquals(ServerToolResult.Status.SUCCESS, result.status());
        List<?> results = assertInstanceOf(List.class, result.output());
        assertEquals(10, results.size());
        assertEquals("San Francisco, CA Weather Forecast | AccuWeather", ((Map<?, ?>) results.get(0)).get("title"));
        assertTrue(message.toolCalls().isEmpty(), "server tool calls are not client tool calls");

        TextBlock cited = assertInstanceOf(TextBlock.class, content.get(4));
        assertEquals("Temperature: 66°F with clear skies", cited.text());
        Map<String, Object> citation = cited.annotations().get(0);
        assertEquals("citation", citation.get("type"));
        assertEquals("https://www.accuweather.com/en/us/san-francisco/94103/weather-forecast/347629", citation.get("url"));
        assertEquals("San Francisco, CA Weather Forecast | AccuWeather", citation.get("title"));
        assertTrue(((String) citation.get("cited_text")).startsWith("San Francisco, CA Weather Today"));
        assertEquals("web_search_result_location", ((Map<?, ?>) citation.get("extras")).get("type"));
        assertTrue(message.text().endsWith("sensitive individuals should limit outdoor activities."));
        assertEquals(8984 + 520, message.usage().totalTokens());
    }

    @Test
    void documentCitationsGetCharacterIndexes() {
        AIMessage message = codec.decode(json("""
                {"id":"msg_2","model":"claude","stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1},
                 "content":[{"type":"text","text":"The grass is green.","citations":[{"type":"char_location",
                   "cited_text":"The grass is green.","document_index":0,"document_title":"Facts",
                   "start_char_index":0,"end_char_index":20}]}]}
                """));

        Map<String, Object> citation = ((TextBlock) message.content().get(0)).annotations().get(0);
        assertEquals("Facts", citation.get("title"));
        assertEquals(0L, citation.get("start_index"));
        assertEquals(20L, citation.get("end_index"));
        assertNull(citation.get("url"));
    }

    @Test
    void serverToolErrorAndUnknownBlocks() {
        AIMessage message = codec.decode(json("""
                {"id":"msg_3","model":"claude","stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1},
                 "content":[{"type":"web_search_tool_result","tool_use_id":"srvtoolu_1",
                   "content":{"type":"web_search_tool_result_error","error_code":"max_uses_exceeded"}},
                  {"type":"container_upload","file_id":"file_1"}]}
                """));

        ServerToolResult result = (ServerToolResult) message.content().get(0);
        assertEquals(ServerToolResult.Status.ERROR, result.status());
        assertEquals("max_uses_exceeded", ((Map<?, ?>) result.output()).get("error_code"));
        assertEquals(new NonStandardBlock(Map.of("type", "container_upload", "file_id", "file_1"), null),
                message.content().get(1));
    }

    private AIMessage decode(String scenario) {
        return codec.decode(AnthropicRecordings.response(scenario));
    }

    private static JsonNode json(String text) {
        return AnthropicRecordings.json(text);
    }
}
