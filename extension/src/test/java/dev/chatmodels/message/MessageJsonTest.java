package dev.chatmodels.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.PlainTextBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolCallChunk;
import dev.chatmodels.message.content.ServerToolResult;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.usage.UsageMetadata;

class MessageJsonTest {

    private static JsonNode json(String text) {
        try {
            return Jackson.MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Message read(String text) {
        return MessageJson.fromJson(json(text));
    }

    /** Reads, writes and reads again: the second read must equal the first. */
    private static Message roundTrip(Message message) {
        Message again = MessageJson.fromJson(MessageJson.toJson(message));
        assertEquals(message, again);
        return again;
    }

    @Test
    void readsEveryRoleAndItsAliases() {
        assertEquals(SystemMessage.of("be brief"), read("{'role': 'system', 'content': 'be brief'}"));
        assertEquals(SystemMessage.of("be brief"), read("{'role': 'developer', 'content': 'be brief'}"));
        assertEquals(HumanMessage.of("hi"), read("{'role': 'user', 'content': 'hi'}"));
        assertEquals(HumanMessage.of("hi"), read("{'role': 'human', 'content': 'hi'}"));
        assertEquals(AIMessage.of("hello"), read("{'role': 'assistant', 'content': 'hello'}"));
        assertEquals(AIMessage.of("hello"), read("{'role': 'ai', 'content': 'hello'}"));
        assertEquals(ToolMessage.of("42", "call_1"), read("{'role': 'tool', 'content': '42', 'tool_call_id': 'call_1'}"));
    }

    @Test
    void readsPairsAndBareStrings() {
        assertEquals(HumanMessage.of("hi"), MessageJson.fromJson(json("'hi'")));
        assertEquals(AIMessage.of("yes"), MessageJson.fromJson(json("['ai', 'yes']")));
        assertEquals(HumanMessage.of(TextBlock.of("look"), DataBlock.imageUrl("https://x/y.png")),
                MessageJson.fromJson(json("['human', ['look', {'type': 'image', 'url': 'https://x/y.png'}]]")));
        List<Message> messages = MessageJson
                .listFromJson(json("[['system', 'be brief'], 'hi', {'role': 'assistant', 'content': 'hello'}]"));
        assertEquals(List.of(SystemMessage.of("be brief"), HumanMessage.of("hi"), AIMessage.of("hello")), messages);
        IllegalArgumentException triple = assertThrows(IllegalArgumentException.class,
                () -> MessageJson.fromJson(json("['human', 'a', 'b']")));
        assertTrue(triple.getMessage().contains("[role, content] pair"), triple.getMessage());
    }

    @Test
    void readsIdsNamesAndToolMessageFields() {
        Message human = read("{'role': 'user', 'content': 'hi', 'id': 'm1'}");
        assertEquals("m1", human.id());
        ToolMessage tool = (ToolMessage) read(
                "{'role': 'tool', 'content': 'boom', 'tool_call_id': 'c1', 'status': 'error', 'name': 'calc', 'id': 't1'}");
        assertEquals(new ToolMessage(List.of(TextBlock.of("boom")), "c1", ToolMessage.Status.ERROR, "calc", "t1"), tool);
        IllegalArgumentException noCallId = assertThrows(IllegalArgumentException.class,
                () -> read("{'role': 'tool', 'content': '42'}"));
        assertTrue(noCallId.getMessage().contains("tool_call_id"), noCallId.getMessage());
        IllegalArgumentException badStatus = assertThrows(IllegalArgumentException.class,
                () -> read("{'role': 'tool', 'content': '42', 'tool_call_id': 'c', 'status': 'maybe'}"));
        assertTrue(badStatus.getMessage().contains("success or error"), badStatus.getMessage());
    }

    @Test
    void readsEveryStandardBlock() {
        Message message = read("""
                {'role': 'user', 'content': [
                  {'type': 'text', 'text': 'a', 'annotations': [{'type': 'citation', 'url': 'https://c', 'start_index': 0}]},
                  {'type': 'reasoning', 'reasoning': 'hmm', 'extras': {'signature': 'sig'}},
                  {'type': 'image', 'url': 'https://x/i.png'},
                  {'type': 'audio', 'base64': 'AAA=', 'mime_type': 'audio/wav'},
                  {'type': 'video', 'file_id': 'file-v'},
                  {'type': 'file', 'base64': 'JVBE', 'mime_type': 'application/pdf', 'filename': 'a.pdf', 'id': 'f1'},
                  {'type': 'text-plain', 'text': 'notes', 'mime_type': 'text/markdown', 'title': 'n.md'},
                  {'type': 'tool_call', 'id': 'c1', 'name': 'add', 'args': {'a': 1}},
                  {'type': 'tool_call_chunk', 'id': 'c2', 'name': 'add', 'args': '{\\'a', 'index': 1},
                  {'type': 'invalid_tool_call', 'id': 'c3', 'name': 'add', 'args': '{oops', 'error': 'bad'},
                  {'type': 'server_tool_call', 'id': 's1', 'name': 'web_search', 'args': {'query': 'q'}},
                  {'type': 'server_tool_call_chunk', 'id': 's2', 'name': 'web_search', 'args': '{', 'index': 2},
                  {'type': 'server_tool_result', 'tool_call_id': 's1', 'status': 'success', 'output': [{'url': 'https://r'}]},
                  {'type': 'non_standard', 'value': {'type': 'mystery', 'x': 1}}
                ]}""");
        List<ContentBlock> expected = List.of(
                new TextBlock("a", List.of(Map.of("type", "citation", "url", "https://c", "start_index", 0)), null, null),
                new ReasoningBlock("hmm", Map.of("signature", "sig"), null, null),
                DataBlock.imageUrl("https://x/i.png"),
                DataBlock.base64(DataBlock.Kind.AUDIO, "AAA=", "audio/wav"),
                new DataBlock(DataBlock.Kind.VIDEO, null, null, null, "file-v", null),
                new DataBlock(DataBlock.Kind.FILE, null, "JVBE", "application/pdf", null, "f1", "a.pdf"),
                new PlainTextBlock("notes", "text/markdown", "n.md", null),
                new ToolCall("c1", "add", Map.of("a", 1)),
                new ToolCallChunk("c2", "add", "{\"a", 1),
                new InvalidToolCall("c3", "add", "{oops", "bad"),
                new ServerToolCall("s1", "web_search", Map.of("query", "q")),
                new ServerToolCallChunk("s2", "web_search", "{", 2),
                new ServerToolResult("s1", ServerToolResult.Status.SUCCESS, List.of(Map.of("url", "https://r")), null, null),
                new NonStandardBlock(Map.of("type", "mystery", "x", 1), null));
        assertEquals(expected, message.content());
        roundTrip(message);
    }

    @Test
    void readsOpenAiContentParts() {
        Message message = read("""
                {'role': 'user', 'content': [
                  {'type': 'text', 'text': 'what is this?'},
                  {'type': 'image_url', 'image_url': {'url': 'https://x/cat.jpg', 'detail': 'high'}},
                  {'type': 'image_url', 'image_url': {'url': 'data:image/png;base64,iVBORw0KGgo='}},
                  {'type': 'input_audio', 'input_audio': {'data': 'UklGR', 'format': 'wav'}},
                  {'type': 'file', 'file': {'file_data': 'data:application/pdf;base64,JVBERi0=', 'filename': 'doc.pdf'}},
                  {'type': 'file', 'file': {'file_id': 'file-abc'}},
                  {'type': 'file', 'file': {'file_data': 'JVBERi0=', 'filename': 'raw.pdf'}}
                ]}""");
        assertEquals(List.of(
                TextBlock.of("what is this?"),
                DataBlock.imageUrl("https://x/cat.jpg"),
                DataBlock.base64(DataBlock.Kind.IMAGE, "iVBORw0KGgo=", "image/png"),
                DataBlock.base64(DataBlock.Kind.AUDIO, "UklGR", "audio/wav"),
                new DataBlock(DataBlock.Kind.FILE, null, "JVBERi0=", "application/pdf", null, null, "doc.pdf"),
                new DataBlock(DataBlock.Kind.FILE, null, null, null, "file-abc", null, null),
                new DataBlock(DataBlock.Kind.FILE, null, "JVBERi0=", "application/pdf", null, null, "raw.pdf")),
                message.content());
        ObjectNode written = MessageJson.toJson(message);
        assertEquals("image", written.at("/content/2/type").asText());
        assertEquals("iVBORw0KGgo=", written.at("/content/2/base64").asText());
        assertEquals("image/png", written.at("/content/2/mime_type").asText());
        roundTrip(message);
    }

    @Test
    void base64WithoutMimeTypeIsAnInputError() {
        IllegalArgumentException standard = assertThrows(IllegalArgumentException.class,
                () -> read("{'role': 'user', 'content': [{'type': 'image', 'base64': 'iVBOR'}]}"));
        assertTrue(standard.getMessage().contains("mime_type"), standard.getMessage());
        IllegalArgumentException audio = assertThrows(IllegalArgumentException.class,
                () -> read("{'role': 'user', 'content': [{'type': 'input_audio', 'input_audio': {'data': 'UklGR'}}]}"));
        assertTrue(audio.getMessage().contains("mime_type"), audio.getMessage());
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> read("{'role': 'user', 'content': [{'type': 'image'}]}"));
        assertTrue(nothing.getMessage().contains("url, base64 or file_id"), nothing.getMessage());
    }

    @Test
    void unknownRoleOrTypeNamesTheAcceptedValues() {
        IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
                () -> read("{'role': 'robot', 'content': 'hi'}"));
        assertTrue(role.getMessage().contains("'robot'") && role.getMessage().contains("system, developer, user, human"),
                role.getMessage());
        IllegalArgumentException missingRole = assertThrows(IllegalArgumentException.class,
                () -> read("{'content': 'hi'}"));
        assertTrue(missingRole.getMessage().contains("needs a role"), missingRole.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> read("{'role': 'user', 'content': [{'type': 'hologram'}]}"));
        assertTrue(type.getMessage().contains("'hologram'") && type.getMessage().contains("text, reasoning, image")
                && type.getMessage().contains("image_url"), type.getMessage());
        IllegalArgumentException untyped = assertThrows(IllegalArgumentException.class,
                () -> read("{'role': 'user', 'content': [{'text': 'no type'}]}"));
        assertTrue(untyped.getMessage().contains("with a type"), untyped.getMessage());
        IllegalArgumentException content = assertThrows(IllegalArgumentException.class,
                () -> read("{'role': 'user', 'content': 42}"));
        assertTrue(content.getMessage().contains("string or a list"), content.getMessage());
    }

    @Test
    void readsToolCallsInLangChainAndOpenAiForm() {
        AIMessage langChain = (AIMessage) read("""
                {'role': 'assistant', 'content': '', 'tool_calls': [
                  {'type': 'tool_call', 'id': 'c1', 'name': 'add', 'args': {'a': 1, 'b': [2]}}]}""");
        AIMessage openAi = (AIMessage) read(
                """
                        {'role': 'assistant', 'content': null, 'tool_calls': [
                          {'id': 'c1', 'type': 'function', 'function': {'name': 'add', 'arguments': '{\\'a\\': 1, \\'b\\': [2]}'}}]}""");
        AIMessage expected = AIMessage.ofToolCalls(List.of(new ToolCall("c1", "add", Map.of("a", 1, "b", List.of(2)))));
        assertEquals(expected, langChain);
        assertEquals(expected, openAi);
    }

    @Test
    void unparsableOpenAiArgumentsBecomeAnInvalidToolCall() {
        AIMessage message = (AIMessage) read("""
                {'role': 'assistant', 'tool_calls': [
                  {'id': 'c1', 'type': 'function', 'function': {'name': 'add', 'arguments': '{\\'a\\': 1'}},
                  {'id': 'c2', 'type': 'function', 'function': {'name': 'list', 'arguments': '[1]'}},
                  {'id': 'c3', 'type': 'function', 'function': {'name': 'none', 'arguments': ''}}]}""");
        assertEquals(List.of(new ToolCall("c3", "none", Map.of())), message.toolCalls());
        assertEquals(2, message.invalidToolCalls().size());
        InvalidToolCall truncated = message.invalidToolCalls().get(0);
        assertEquals("c1", truncated.id());
        assertEquals("{\"a\": 1", truncated.args());
        assertTrue(truncated.error().contains("Invalid JSON"), truncated.error());
        assertTrue(message.invalidToolCalls().get(1).error().contains("must be a JSON object"));
        roundTrip(message);
    }

    @Test
    void writesTheStandardForm() {
        assertEquals(json("{'role': 'user', 'content': 'hi'}"), MessageJson.toJson(HumanMessage.of("hi")));
        assertEquals(json("{'role': 'system', 'content': ''}"), MessageJson.toJson(SystemMessage.of("")));
        assertEquals(json("{'role': 'tool', 'content': 'no', 'tool_call_id': 'c1', 'status': 'error'}"),
                MessageJson.toJson(ToolMessage.error("no", "c1")));
        AIMessage ai = new AIMessage(List.of(ReasoningBlock.of("think"), TextBlock.of("answer")),
                List.of(new ToolCall("c1", "add", Map.of("a", 1))), List.of(),
                new UsageMetadata(10, 5, 15, new UsageMetadata.InputTokenDetails(null, 1L, 2L),
                        new UsageMetadata.OutputTokenDetails(null, 3L)),
                Map.of(ResponseMetadata.MODEL_NAME, "gpt-4.1", ResponseMetadata.FINISH_REASON, "tool_calls"), "run-1");
        assertEquals(json("""
                {'role': 'assistant',
                 'content': [{'type': 'reasoning', 'reasoning': 'think'}, {'type': 'text', 'text': 'answer'}],
                 'id': 'run-1',
                 'tool_calls': [{'type': 'tool_call', 'id': 'c1', 'name': 'add', 'args': {'a': 1}}],
                 'usage_metadata': {'input_tokens': 10, 'output_tokens': 5, 'total_tokens': 15,
                   'input_token_details': {'cache_creation': 1, 'cache_read': 2},
                   'output_token_details': {'reasoning': 3}},
                 'response_metadata': {'model_name': 'gpt-4.1', 'finish_reason': 'tool_calls'}}"""),
                // re-read so that numbers compare by value, not by node type (int vs long)
                json(MessageJson.toJson(ai).toString()));
        roundTrip(ai);
    }

    @Test
    void aSingleTextBlockWithExtrasStaysABlock() {
        HumanMessage withId = new HumanMessage(List.of(new TextBlock("hi", List.of(), null, "b1")), null);
        assertTrue(MessageJson.toJson(withId).get("content").isArray());
        roundTrip(withId);
    }

    @Test
    void readsARecordedOpenAiConversation() {
        JsonNode request = Fixtures.json("openai-chat", "tool_results_followup_nonstream.request.json");
        List<Message> messages = MessageJson.listFromJson(request.get("messages"));
        assertEquals(List.of(Role.SYSTEM, Role.HUMAN, Role.AI, Role.TOOL, Role.TOOL, Role.TOOL),
                messages.stream().map(Message::role).toList());
        AIMessage assistant = (AIMessage) messages.get(2);
        assertEquals(List.of(), assistant.content());
        assertEquals(3, assistant.toolCalls().size());
        assertEquals(new ToolCall("call_kz1qLLRsugXwWiQMeH9oFAep", "parallel_local_search_one",
                Map.of("query", "latest OpenAI model release notes")), assistant.toolCalls().get(0));
        ToolMessage tool = (ToolMessage) messages.get(4);
        assertEquals("call_yNouGq1Kv6P5W9fhTng6acZi", tool.toolCallId());
        assertEquals("parallel_local_search_two", tool.name());
        assertEquals("[two] latest Anthropic model release notes", tool.text());
        assertEquals(messages, MessageJson.listFromJson(MessageJson.listToJson(messages)));
    }

    @Test
    void jacksonUsesTheDictionaryForm() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Message message = mapper.readValue("{\"role\": \"user\", \"content\": \"hi\", \"id\": \"m1\"}", Message.class);
        assertEquals(new HumanMessage(List.of(TextBlock.of("hi")), "m1"), message);
        assertEquals("{\"role\":\"user\",\"content\":\"hi\",\"id\":\"m1\"}", mapper.writeValueAsString(message));

        List<Message> conversation = List.of(SystemMessage.of("be brief"), HumanMessage.of("hi"),
                AIMessage.ofToolCalls(List.of(new ToolCall("c1", "add", Map.of("a", 1)))), ToolMessage.of("1", "c1"));
        String written = mapper.writeValueAsString(conversation);
        List<Message> read = mapper.readValue(written, new TypeReference<List<Message>>() {
        });
        assertEquals(conversation, read);
        assertEquals(List.of(HumanMessage.of("a"), AIMessage.of("b")),
                mapper.readValue("[\"a\", [\"ai\", \"b\"]]", new TypeReference<List<Message>>() {
                }));

        JsonMappingException bad = assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"role\": \"robot\", \"content\": \"hi\"}", Message.class));
        assertTrue(bad.getMessage().contains("use one of system"), bad.getMessage());
        assertInstanceOf(IllegalArgumentException.class, bad.getCause());
        assertNull(mapper.readValue("null", Message.class));
    }
}
