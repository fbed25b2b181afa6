package dev.chatmodels.functions.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.tool.ToolChoice;

class CompletionRequestReaderTest {

    private final CompletionRequestReader reader = new CompletionRequestReader(5);

    @Test
    void readsEveryPartOfARequest() {
        CompletionRequest request = read("""
                {"model": "fast", "temperature": 0.2, "max_completion_tokens": 100, "max_tokens": 7, "stop": "END",
                 "top_p": 0.5, "stream": true, "stream_options": {"include_usage": true}, "parallel_tool_calls": false,
                 "user": "ignored", "seed": 1,
                 "messages": [
                   {"role": "developer", "content": "Be brief."},
                   {"role": "user", "content": [{"type": "text", "text": "What is this?"},
                     {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                     {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "low"}}]},
                   {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}}]},
                   {"role": "tool", "tool_call_id": "call_1", "content": [{"type": "text", "text": "sunny"}]}
                 ],
                 "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather",
                   "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}],
                 "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
                 "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "strict": true,
                   "schema": {"type": "object", "properties": {"ok": {"type": "boolean"}}}}}}
                """);

        assertEquals("fast", request.model());
        assertEquals(new SamplingSettings(0.2, 100, List.of("END"), 0.5), request.sampling());
        assertTrue(request.stream());
        assertTrue(request.includeUsage());
        assertEquals(false, request.parallelToolCalls());
        assertEquals(4, request.messages().size());
        assertEquals("Be brief.", assertInstanceOf(SystemMessage.class, request.messages().get(0)).text());
        HumanMessage user = assertInstanceOf(HumanMessage.class, request.messages().get(1));
        assertEquals(TextBlock.of("What is this?"), user.content().get(0));
        assertEquals(DataBlock.base64(DataBlock.Kind.IMAGE, "iVBORw0KGgo=", "image/png"), user.content().get(1));
        assertEquals(DataBlock.imageUrl("https://example.com/cat.png"), user.content().get(2));
        AIMessage assistant = assertInstanceOf(AIMessage.class, request.messages().get(2));
        assertEquals("get_weather", assistant.toolCalls().get(0).name());
        assertEquals(Map.of("city", "Paris"), assistant.toolCalls().get(0).args());
        ToolMessage tool = assertInstanceOf(ToolMessage.class, request.messages().get(3));
        assertEquals("call_1", tool.toolCallId());
        assertEquals("sunny", tool.text());
        assertEquals("get_weather", request.tools().get(0).name());
        assertEquals("string", request.tools().get(0).parameters().at("/properties/city/type").asText());
        assertEquals(ToolChoice.tool("get_weather"), request.toolChoice());
        assertEquals(ResponseFormat.Type.JSON_SCHEMA, request.responseFormat().type());
        assertEquals("answer", request.responseFormat().name());
        assertTrue(request.responseFormat().strict());
    }

    @Test
    void readsTheRecordedRequestsOfOpenAiClients() {
        for (String scenario : List.of("tool_results_followup_nonstream", "text_stream_include_usage",
                "tool_calls_stream_parallel", "structured_output_json_schema")) {
            byte[] body = Fixtures.read("openai-chat", scenario + ".request.json").getBytes(StandardCharsets.UTF_8);
            CompletionRequest request = new CompletionRequestReader(100).read(body);
            assertFalse(request.messages().isEmpty(), scenario);
        }
        CompletionRequest parallel = new CompletionRequestReader(100)
                .read(Fixtures.json("openai-chat", "tool_calls_stream_parallel.request.json"));
        assertEquals(ToolChoice.ANY, parallel.toolChoice());
        assertTrue(parallel.includeUsage());
        assertEquals(19, parallel.tools().size());
    }

    @Test
    void leavesUnsetSettingsToTheModel() {
        CompletionRequest request = read("{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        assertTrue(request.sampling().isEmpty());
        assertNull(request.toolChoice());
        assertNull(request.responseFormat());
        assertFalse(request.stream());
        assertEquals("Hi", request.messages().get(0).text());
    }

    @Test
    void readsJsonObjectModeAndStopLists() {
        CompletionRequest request = read("""
                {"model": "m", "messages": [{"role": "user", "content": "x"}], "stop": ["a", "b"], "max_tokens": 3,
                 "response_format": {"type": "json_object"}, "tool_choice": "none", "tools": []}
                """);
        assertEquals(List.of("a", "b"), request.sampling().stop());
        assertEquals(3, request.sampling().maxTokens());
        assertEquals(ResponseFormat.jsonObject(), request.responseFormat());
        assertEquals(ToolChoice.NONE, request.toolChoice());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON              | {\"model\": |                                 | invalid_json",
            "trailing garbage      | {\"model\": \"m\"} x |                         | invalid_json",
            "empty body            | ``        |                                 | invalid_json",
            "an array              | []        | body                            | invalid_type",
            "no model              | {\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]} | model | missing_required_parameter",
            "model not a string    | {\"model\": 3, \"messages\": []} | model   | invalid_type",
            "no messages           | {\"model\": \"m\"} | messages               | missing_required_parameter",
            "messages not an array | {\"model\": \"m\", \"messages\": {}} | messages | invalid_type",
            "empty messages        | {\"model\": \"m\", \"messages\": []} | messages | empty_array",
            "too many messages     | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"1\"}, {\"role\": \"user\", \"content\": \"2\"}, {\"role\": \"user\", \"content\": \"3\"}, {\"role\": \"user\", \"content\": \"4\"}, {\"role\": \"user\", \"content\": \"5\"}, {\"role\": \"user\", \"content\": \"6\"}]} | messages | too_many_messages",
            "message not an object | {\"model\": \"m\", \"messages\": [\"hi\"]} | messages[0] | invalid_type",
            "unknown role          | {\"model\": \"m\", \"messages\": [{\"role\": \"wizard\", \"content\": \"x\"}]} | messages[0].role | invalid_value",
            "legacy function role  | {\"model\": \"m\", \"messages\": [{\"role\": \"function\", \"name\": \"f\", \"content\": \"x\"}]} | messages[0].role | invalid_value",
            "no role               | {\"model\": \"m\", \"messages\": [{\"content\": \"x\"}]} | messages[0].role | missing_required_parameter",
            "content a number      | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": 42}]} | messages[0].content | invalid_type",
            "no user content       | {\"model\": \"m\", \"messages\": [{\"role\": \"user\"}]} | messages[0].content | missing_required_parameter",
            "unknown part type     | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"video\"}]}]} | messages[0].content[0].type | invalid_value",
            "image in system       | {\"model\": \"m\", \"messages\": [{\"role\": \"system\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"u\"}}]}]} | messages[0].content[0].type | invalid_value",
            "bad data URL          | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"data:image/png,abc\"}}]}]} | messages[0].content[0].image_url | invalid_data_url",
            "tool without call id  | {\"model\": \"m\", \"messages\": [{\"role\": \"tool\", \"content\": \"x\"}]} | messages[0].tool_call_id | missing_required_parameter",
            "empty assistant       | {\"model\": \"m\", \"messages\": [{\"role\": \"assistant\"}]} | messages[0].content | missing_required_parameter",
            "tool call without id  | {\"model\": \"m\", \"messages\": [{\"role\": \"assistant\", \"tool_calls\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}]}]} | messages[0].tool_calls[0].id | missing_required_parameter",
            "temperature a string  | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"temperature\": \"hot\"} | temperature | invalid_type",
            "temperature too high  | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"temperature\": 3} | temperature | decimal_out_of_range",
            "max_tokens a decimal  | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": 1.5} | max_tokens | invalid_type",
            "max_tokens zero       | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"max_tokens\": 0} | max_tokens | integer_below_min_value",
            "stop a number         | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"stop\": 1} | stop | invalid_type",
            "stream a string       | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"stream\": \"yes\"} | stream | invalid_type",
            "two choices           | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"n\": 2} | n | invalid_value",
            "tools not an array    | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tools\": {}} | tools | invalid_type",
            "tool of unknown type  | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tools\": [{\"type\": \"web_search\"}]} | tools[0].type | invalid_value",
            "tool with a bad name  | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get weather\"}}]} | tools[0].function.name | invalid_value",
            "tool defined twice    | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}, {\"type\": \"function\", \"function\": {\"name\": \"f\"}}]} | tools[1].function.name | duplicate_tool_name",
            "choice without tools  | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tool_choice\": \"required\"} | tool_choice | invalid_value",
            "unknown tool choice   | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}], \"tool_choice\": \"sometimes\"} | tool_choice | invalid_value",
            "choice of missing tool| {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}], \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"g\"}}} | tool_choice | unknown_tool",
            "unknown format type   | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"response_format\": {\"type\": \"xml\"}} | response_format.type | invalid_value",
            "schema without name   | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"schema\": {}}}} | response_format.json_schema.name | missing_required_parameter",
            "legacy functions      | {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"functions\": []} | functions | unsupported_parameter",
    })
    void rejectsBadInputWithAnOpenAiStyleError(String description, String body, String param, String code) {
        ApiException failure = assertThrows(ApiException.class,
                () -> reader.read((body == null ? "" : body).getBytes(StandardCharsets.UTF_8)), description);
        ApiError error = failure.error();
        assertEquals(400, error.status());
        assertEquals(ApiError.INVALID_REQUEST, error.type());
        assertEquals(param, error.param());
        assertEquals(code, error.code());
        assertFalse(error.message().isBlank());
        assertEquals(error.message(), error.toJson().at("/error/message").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "overlong slash   | C0AF",
            "lone surrogate   | EDA080",
            "cut off sequence | E282",
            "not UTF-8 at all | FF",
    })
    void rejectsInvalidUtf8InsteadOfDecodingIt(String description, String hex) {
        byte[] sequence = HexFormat.of().parseHex(hex);
        byte[] before = "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"a"
                .getBytes(StandardCharsets.UTF_8);
        byte[] after = "b\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[before.length + sequence.length + after.length];
        System.arraycopy(before, 0, body, 0, before.length);
        System.arraycopy(sequence, 0, body, before.length, sequence.length);
        System.arraycopy(after, 0, body, before.length + sequence.length, after.length);

        ApiError error = assertThrows(ApiException.class, () -> reader.read(body), description).error();

        assertEquals("invalid_json", error.code());
        assertTrue(error.message().contains("not valid UTF-8"), error.message());
    }

    @Test
    void wrongTypeMessagesSayWhatWasExpected() {
        ApiException failure = assertThrows(ApiException.class, () -> read(
                "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"temperature\": \"hot\"}"));
        assertEquals("Invalid type for 'temperature': expected a number, but got a string instead.", failure.getMessage());
    }

    private CompletionRequest read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
