package dev.chatmodels.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.PlainTextBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/** Request encoding, checked against the request bodies Anthropic accepted in the recordings. */
class AnthropicCodecEncodeTest {

    private final AnthropicCodec codec = new AnthropicCodec();

    @Test
    void pathIsMessages() {
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("hi")), ModelSettings.of("claude-haiku-4-5"));
        assertEquals("/messages", codec.path(request, false));
        assertEquals("/messages", codec.path(request, true));
    }

    @Test
    void parallelToolResultsFollowUp() {
        JsonNode recorded = recorded("tool_result_followup_nonstream");
        List<ToolCall> calls = List.of(
                new ToolCall("toolu_0167cfEnoQaPviGdVXA95zcu", "retrieve_entity_info", Map.of("name", "Alice")),
                new ToolCall("toolu_01EEe2V5HD1Ac4rKiUR4HD2T", "retrieve_entity_info", Map.of("name", "Bob")),
                new ToolCall("toolu_01XFyAjstT3966qvRynZyVPo", "retrieve_entity_info", Map.of("name", "Charlie")),
                new ToolCall("toolu_013mnQZbgtK2oe3Mo3XKJsx3", "retrieve_entity_info", Map.of("name", "Daisy")));
        AIMessage assistant = new AIMessage(
                List.of(TextBlock.of(recorded.at("/messages/1/content/0/text").asText())), calls, List.of(), null,
                Map.of(), null);
        List<Message> messages = List.of(
                SystemMessage.of(recorded.get("system").asText()),
                HumanMessage.of("Alice, Bob, Charlie and Daisy are a family. Who is the youngest?"),
                assistant,
                ToolMessage.of("alice is bob's wife", "toolu_0167cfEnoQaPviGdVXA95zcu"),
                ToolMessage.of("bob is alice's husband", "toolu_01EEe2V5HD1Ac4rKiUR4HD2T"),
                ToolMessage.of("charlie is alice's son", "toolu_01XFyAjstT3966qvRynZyVPo"),
                ToolMessage.of("daisy is bob's daughter and charlie's younger sister", "toolu_013mnQZbgtK2oe3Mo3XKJsx3"));
        ToolSpecification tool = ToolSpecification.of("retrieve_entity_info", "Get the knowledge about the given entity.",
                (ObjectNode) recorded.at("/tools/0/input_schema"));
        ChatRequest request = new ChatRequest(messages, ModelSettings.of("claude-haiku-4-5"), List.of(tool), ToolChoice.AUTO,
                null, null);

        assertSameRequest(recorded, codec.encode(request, false));
    }

    @Test
    void toolResultAfterSingleToolUse() {
        JsonNode recorded = recorded("tool_result_followup_nonstream_2");
        List<Message> messages = List.of(
                HumanMessage.of("What is the weather in Tokyo? Use the get_weather tool."),
                AIMessage.ofToolCalls(
                        List.of(new ToolCall("toolu_01Eobgw8gDD6KegYJz1iyYC7", "get_weather", Map.of("location", "Tokyo")))),
                ToolMessage.of("The weather in Tokyo is sunny and 72°F", "toolu_01Eobgw8gDD6KegYJz1iyYC7"));
        ToolSpecification tool = ToolSpecification.of("get_weather", "Get the current weather in a given location",
                (ObjectNode) recorded.at("/tools/0/input_schema"));
        ChatRequest request = new ChatRequest(messages, ModelSettings.of("claude-sonnet-4-5"), List.of(tool), null, null,
                null);

        assertSameRequest(recorded, codec.encode(request, false));
    }

    @Test
    void thinkingKwargsAndToolWithEmptyDescription() {
        JsonNode recorded = recorded("thinking_with_tool_use_nonstream");
        ModelSettings settings = ModelSettings.of("claude-sonnet-4-0")
                .withKwargs(Map.of("thinking", Map.of("budget_tokens", 3000, "type", "enabled")));
        ToolSpecification tool = ToolSpecification.of("get_user_country", "",
                (ObjectNode) recorded.at("/tools/0/input_schema"));
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("What is the largest city in the user country?")),
                settings, List.of(tool), ToolChoice.AUTO, null, null);

        assertSameRequest(recorded, codec.encode(request, false));
    }

    @Test
    void cacheControlOnUserContentAsProviderBlock() {
        JsonNode recorded = recorded("cache_read_nonstream");
        NonStandardBlock cached = new NonStandardBlock(Map.of("type", "text", "text", "Say hello in one word.",
                "cache_control", Map.of("type", "ephemeral")), null);
        ChatRequest request = ChatRequest.of(
                List.of(SystemMessage.of(recorded.get("system").asText()), HumanMessage.of(cached)),
                ModelSettings.of("claude-sonnet-4-5-20250929"));

        assertSameRequest(recorded, codec.encode(request, false));
    }

    @Test
    void streamingRequestWithCacheControl() {
        JsonNode recorded = recorded("text_stream_cache_read");
        NonStandardBlock cached = new NonStandardBlock(Map.of("type", "text", "text", "Say hello in one word.",
                "cache_control", Map.of("type", "ephemeral")), null);
        ChatRequest request = ChatRequest.of(
                List.of(SystemMessage.of(recorded.get("system").asText()), HumanMessage.of(cached)),
                ModelSettings.of("claude-sonnet-4-5-20250929"));

        assertSameRequest(recorded, codec.encode(request, true));
    }

    @Test
    void topLevelCacheControlKwargAndMultiTurnHistory() {
        JsonNode recorded = recorded("cache_read_nonstream_2");
        ModelSettings settings = ModelSettings.of("claude-sonnet-4-5")
                .withKwargs(Map.of("cache_control", Map.of("ttl", "5m", "type", "ephemeral")));
        ChatRequest request = ChatRequest.of(List.of(
                SystemMessage.of("You are a helpful assistant."),
                HumanMessage.of(recorded.at("/messages/0/content/0/text").asText()),
                AIMessage.of(recorded.at("/messages/1/content/0/text").asText()),
                HumanMessage.of("Can you summarize that in one sentence?")), settings);

        assertSameRequest(recorded, codec.encode(request, false));
    }

    @Test
    void builtInWebSearchToolPassedThrough() {
        JsonNode recorded = recorded("web_search_stream");
        ModelSettings settings = ModelSettings.of("claude-sonnet-4-0")
                .withKwargs(Map.of("thinking", Map.of("budget_tokens", 3000, "type", "enabled")));
        ToolSpecification webSearch = ToolSpecification.builtIn(Map.of("type", "web_search_20250305", "name", "web_search"));
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("What is the weather in San Francisco today?")),
                settings, List.of(webSearch), ToolChoice.AUTO, null, null);

        ObjectNode encoded = codec.encode(request, true);

        // The recorded client also sent the tool's unset options as nulls.
        ObjectNode recordedTool = (ObjectNode) recorded.at("/tools/0");
        List<String> unset = new ArrayList<>();
        recordedTool.fieldNames().forEachRemaining(name -> {
            if (recordedTool.get(name).isNull()) {
                unset.add(name);
            }
        });
        recordedTool.remove(unset);
        assertSameRequest(recorded, encoded);
    }

    @Test
    void thinkingAndToolUseGoBackAsAnthropicSentThem() {
        JsonNode response = AnthropicRecordings.response("thinking_with_tool_use_nonstream");
        AIMessage answer = codec.decode(response);
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("What is the largest city in the user country?"),
                answer, ToolMessage.of("Mexico", "toolu_01YGzqpRE16Vricda3Aqcejo")), ModelSettings.of("claude-sonnet-4-0"));

        JsonNode turns = codec.encode(request, false).get("messages");

        assertEquals(response.get("content"), turns.at("/1/content"));
        assertEquals("tool_result", turns.at("/2/content/0/type").asText());
    }

    @Test
    void serverToolCallsAndResultsGoBackAsAnthropicSentThem() {
        JsonNode response = AnthropicRecordings.response("web_search_nonstream");
        AIMessage answer = codec.decode(response);
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("What is the weather in San Francisco today?"), answer,
                HumanMessage.of("Thanks")), ModelSettings.of("claude-sonnet-4-0"));

        JsonNode sent = codec.encode(request, false).at("/messages/1/content");

        // Citations are not sent back; everything else is as Anthropic sent it.
        ArrayNode expected = ((ArrayNode) response.get("content")).deepCopy();
        expected.forEach(block -> ((ObjectNode) block).remove("citations"));
        assertEquals(expected, sent);
    }

    @Test
    void redactedThinkingFromAStreamGoesBackWithItsData() {
        AIMessage answer = AIMessageChunk.sum(AnthropicRecordings.chunks("redacted_thinking_stream")).toMessage();
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("hi"), answer, HumanMessage.of("again")),
                ModelSettings.of("claude-sonnet-4-5"));

        JsonNode sent = codec.encode(request, false).at("/messages/1/content");

        assertEquals(3, sent.size());
        assertEquals("redacted_thinking", sent.at("/0/type").asText());
        assertTrue(sent.at("/0/data").asText().startsWith("EqkECkYIBxgCKkA8AZ4noDfV5VcOJe"));
        assertEquals("redacted_thinking", sent.at("/1/type").asText());
        assertTrue(sent.at("/1/data").asText().startsWith("EtgBCkYIBxgCKkDQfGkwzflEJP5asG3o"));
        assertEquals(answer.text(), sent.at("/2/text").asText());
    }

    @Test
    void reasoningWithoutSignatureIsLeftOut() {
        AIMessage foreign = new AIMessage(List.of(ReasoningBlock.of("thought elsewhere"), TextBlock.of("answer"),
                TextBlock.of("")), List.of(), List.of(), null, Map.of(), null);
        JsonNode sent = encode(List.of(HumanMessage.of("q"), foreign, HumanMessage.of("more"))).at("/messages/1/content");

        assertEquals(json("[{\"type\":\"text\",\"text\":\"answer\"}]"), sent);
    }

    @Test
    void invalidToolCallKeepsItsToolUse() {
        AIMessage message = new AIMessage(List.of(), List.of(),
                List.of(new InvalidToolCall("toolu_1", "lookup", "{\"q\": \"par", "bad json")), null, Map.of(), null);
        JsonNode sent = encode(List.of(HumanMessage.of("q"), message, ToolMessage.error("bad arguments", "toolu_1")));

        assertEquals(json("{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"lookup\",\"input\":{\"q\":\"par\"}}"),
                sent.at("/messages/1/content/0"));
    }

    @Test
    void settingsDefaultsAndKwargs() {
        ModelSettings settings = ModelSettings.of("claude-haiku-4-5");
        assertEquals(AnthropicRequestEncoder.DEFAULT_MAX_TOKENS,
                codec.encode(ChatRequest.of(List.of(HumanMessage.of("hi")), settings), false).get("max_tokens").asInt());

        ObjectNode body = codec.encode(ChatRequest.of(List.of(HumanMessage.of("hi")),
                settings.withMaxTokens(100).withTemperature(0.2).withStop(List.of("END", "STOP"))
                        .withKwargs(Map.of("top_k", 5, "metadata", Map.of("user_id", "u1")))),
                true);
        assertEquals(100, body.get("max_tokens").asInt());
        assertEquals(0.2, body.get("temperature").asDouble());
        assertEquals(json("[\"END\",\"STOP\"]"), body.get("stop_sequences"));
        assertEquals(5, body.get("top_k").asInt());
        assertEquals("u1", body.at("/metadata/user_id").asText());
        assertTrue(body.get("stream").asBoolean());
        assertFalse(body.has("system"));
        assertFalse(body.has("tools"));
        assertFalse(body.has("tool_choice"));

        ObjectNode overridden = codec.encode(ChatRequest.of(List.of(HumanMessage.of("hi")),
                settings.withMaxTokens(100).withKwargs(Map.of("max_tokens", 7))), false);
        assertEquals(7, overridden.get("max_tokens").asInt());
    }

    @Test
    void severalSystemMessagesBecomeBlocks() {
        JsonNode body = encode(List.of(SystemMessage.of("Be brief."), HumanMessage.of("hi"), SystemMessage.of("Be kind.")));

        assertEquals(json("[{\"type\":\"text\",\"text\":\"Be brief.\"},{\"type\":\"text\",\"text\":\"Be kind.\"}]"),
                body.get("system"));
        assertEquals(1, body.get("messages").size());
    }

    @Test
    void systemWithCacheControlBecomesBlocks() {
        NonStandardBlock cached = new NonStandardBlock(
                Map.of("type", "text", "text", "Long rules", "cache_control", Map.of("type", "ephemeral")), null);
        JsonNode body = encode(List.of(new SystemMessage(List.of(cached), null), HumanMessage.of("hi")));

        assertEquals(json("[{\"type\":\"text\",\"text\":\"Long rules\",\"cache_control\":{\"type\":\"ephemeral\"}}]"),
                body.get("system"));
    }

    @Test
    void imagesAndDocuments() {
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
        String notes = Base64.getEncoder().encodeToString("some notes".getBytes(StandardCharsets.UTF_8));
        HumanMessage message = HumanMessage.of(TextBlock.of("Look"),
                DataBlock.base64(DataBlock.Kind.IMAGE, "iVBORw0KGgo=", "image/png"),
                DataBlock.imageUrl("https://example.com/cat.jpg"),
                DataBlock.base64(DataBlock.Kind.FILE, pdf, "application/pdf"),
                new DataBlock(DataBlock.Kind.FILE, "https://example.com/paper.pdf", null, null, null, null),
                new DataBlock(DataBlock.Kind.FILE, null, null, null, "file_011", null),
                DataBlock.base64(DataBlock.Kind.FILE, notes, "text/plain"),
                new PlainTextBlock("inline text", "text/plain", "Notes", null));

        JsonNode content = encode(List.of(message)).at("/messages/0/content");

        assertEquals(json("""
                [{"type":"text","text":"Look"},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                 {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},
                 {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"%s"}},
                 {"type":"document","source":{"type":"url","url":"https://example.com/paper.pdf"}},
                 {"type":"document","source":{"type":"file","file_id":"file_011"}},
                 {"type":"document","source":{"type":"text","media_type":"text/plain","data":"some notes"}},
                 {"type":"document","source":{"type":"text","media_type":"text/plain","data":"inline text"},"title":"Notes"}]
                """.formatted(pdf)), content);
    }

    @Test
    void audioIsRefusedWithAReason() {
        HumanMessage message = HumanMessage.of(DataBlock.base64(DataBlock.Kind.AUDIO, "AAAA", "audio/wav"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> encode(List.of(message)));
        assertTrue(error.getMessage().contains("audio"), error.getMessage());
    }

    @Test
    void toolResultsAndFollowingUserTextShareOneUserTurn() {
        AIMessage calls = AIMessage.ofToolCalls(List.of(new ToolCall("t1", "a", Map.of()), new ToolCall("t2", "b", Map.of())));
        JsonNode turns = encode(List.of(HumanMessage.of("go"), calls, ToolMessage.of("ok", "t1"),
                ToolMessage.error("boom", "t2"), HumanMessage.of("and now?"))).get("messages");

        assertEquals(3, turns.size());
        assertEquals(json("""
                {"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"ok"}]},
                  {"type":"tool_result","tool_use_id":"t2","content":[{"type":"text","text":"boom"}],"is_error":true},
                  {"type":"text","text":"and now?"}]}
                """), turns.get(2));
        assertEquals(json("""
                {"role":"assistant","content":[
                  {"type":"tool_use","id":"t1","name":"a","input":{}},
                  {"type":"tool_use","id":"t2","name":"b","input":{}}]}
                """), turns.get(1));
    }

    @Test
    void toolChoices() {
        assertEquals(json("{\"type\":\"any\"}"), toolChoice(ToolChoice.ANY, null));
        assertEquals(json("{\"type\":\"none\"}"), toolChoice(ToolChoice.NONE, false));
        assertEquals(json("{\"type\":\"tool\",\"name\":\"lookup\"}"), toolChoice(ToolChoice.tool("lookup"), true));
        assertEquals(json("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"), toolChoice(null, false));
        assertEquals(json("{\"type\":\"tool\",\"name\":\"lookup\",\"disable_parallel_tool_use\":true}"),
                toolChoice(ToolChoice.tool("lookup"), false));
        assertTrue(toolChoice(null, null).isMissingNode());
    }

    @Test
    void toolWithoutSchemaGetsAnEmptyObjectSchema() {
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("hi")), ModelSettings.of("claude-haiku-4-5"),
                List.of(new ToolSpecification("ping", null, null, null)), null, null, null);
        assertEquals(json("[{\"name\":\"ping\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]"),
                codec.encode(request, false).get("tools"));
    }

    @Test
    void responseFormatIsRefusedPointingToFunctionCalling() {
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("hi")), ModelSettings.of("claude-haiku-4-5"),
                List.of(), null, null, ResponseFormat.jsonObject());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> codec.encode(request, false));
        assertTrue(error.getMessage().contains("function_calling"), error.getMessage());
    }

    private JsonNode toolChoice(ToolChoice choice, Boolean parallel) {
        ToolSpecification tool = ToolSpecification.of("lookup", "Looks up", Jackson.MAPPER.createObjectNode());
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("hi")), ModelSettings.of("claude-haiku-4-5"),
                List.of(tool), choice, parallel, null);
        return codec.encode(request, false).path("tool_choice");
    }

    private ObjectNode encode(List<Message> messages) {
        return codec.encode(ChatRequest.of(messages, ModelSettings.of("claude-haiku-4-5")), false);
    }

    private static JsonNode recorded(String scenario) {
        return AnthropicRecordings.request(scenario);
    }

    private static JsonNode json(String text) {
        return AnthropicRecordings.json(text);
    }

    /** Compares request bodies the way Anthropic reads them (see {@link AnthropicRecordings#canonical}). */
    private static void assertSameRequest(JsonNode recorded, JsonNode encoded) {
        assertEquals(AnthropicRecordings.canonical(recorded), AnthropicRecordings.canonical(encoded));
    }
}
