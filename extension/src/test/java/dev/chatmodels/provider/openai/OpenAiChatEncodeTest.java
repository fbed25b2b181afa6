package dev.chatmodels.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.MessageJson;
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
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/** Request bodies, compared with the bodies recorded in {@code fixtures/openai-chat/*.request.json}. */
class OpenAiChatEncodeTest {

    private static final String PROVIDER = "openai-chat";
    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    @Test
    void pathIsChatCompletionsUnderTheV1BaseUrl() {
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("Hi")), ModelSettings.of("gpt-4o"));
        assertEquals("/chat/completions", codec.path(request, false));
        assertEquals("/chat/completions", codec.path(request, true));
    }

    @Test
    void plainTextRequestMatchesTheRecordingAndLeavesStreamOut() {
        ObjectNode expected = recordedRequest("text_nonstream");
        ObjectNode body = codec.encode(ChatRequest.of(List.of(HumanMessage.of("Hello, how are you?")),
                ModelSettings.of("gpt-4o")), false);
        // The recording sends "stream": false, which is the API's default; this codec sends nothing then.
        expected.remove("stream");
        assertEquals(expected, body);
    }

    @Test
    void streamingRequestAsksForUsageLikeTheRecording() {
        ObjectNode expected = recordedRequest("text_stream_include_usage_2");
        ArrayNode messages = (ArrayNode) expected.get("messages");
        ObjectNode body = codec.encode(ChatRequest.of(List.of(SystemMessage.of(messages.get(0).get("content").asText()),
                HumanMessage.of(messages.get(1).get("content").asText())), ModelSettings.of("gpt-4o-mini")), true);
        assertEquals(expected, body);
        assertTrue(body.get("stream").booleanValue());
        assertTrue(body.get("stream_options").get("include_usage").booleanValue());
    }

    @Test
    void toolCallAndToolResultTurnsMatchTheStreamedRecording() {
        ObjectNode expected = recordedRequest("text_stream_include_usage");
        List<Message> messages = List.of(
                HumanMessage.of("What is the capital of the UK? Use the tool, then answer."),
                AIMessage.ofToolCalls(List.of(new ToolCall("call_ZR5UUuTt3pf61kjwAJIYdVMj", "get_capital",
                        Map.of("country", "UK")))),
                ToolMessage.of("London", "call_ZR5UUuTt3pf61kjwAJIYdVMj"));
        ChatRequest request = new ChatRequest(messages, ModelSettings.of("gpt-4o-mini"), toolsOf(expected),
                ToolChoice.AUTO, null, null);
        assertEquals(expected, codec.encode(request, true));
    }

    @Test
    void parallelToolResultFollowUpMatchesTheRecordingReadThroughTheDictionaryForm() {
        ObjectNode expected = recordedRequest("tool_results_followup_nonstream");
        List<Message> messages = MessageJson.listFromJson(expected.get("messages"));
        ChatRequest request = new ChatRequest(messages, ModelSettings.of("gpt-4o-mini"), toolsOf(expected),
                ToolChoice.AUTO, null, null);
        ObjectNode body = codec.encode(request, false);
        // Python wrote the arguments with ", " and ": " separators; compare them as JSON, not as text.
        assertEquals(argumentsParsed(expected), argumentsParsed(body));
        JsonNode tool = body.get("messages").get(3);
        assertEquals("tool", tool.get("role").asText());
        assertEquals("call_kz1qLLRsugXwWiQMeH9oFAep", tool.get("tool_call_id").asText());
        assertTrue(body.get("messages").get(2).get("content").isNull(), "an assistant turn with only tool calls");
    }

    @Test
    void manyToolsWithNestedSchemasAndRequiredChoiceMatchTheRecording() {
        ObjectNode expected = recordedRequest("tool_calls_stream_parallel");
        ChatRequest request = new ChatRequest(
                List.of(HumanMessage.of(expected.get("messages").get(0).get("content").asText())),
                ModelSettings.of("gpt-4o"), toolsOf(expected), ToolChoice.ANY, null, null);
        assertEquals(expected, codec.encode(request, true));
    }

    @Test
    void providerKeywordArgumentsGoInAsTheyAre() {
        ObjectNode expected = recordedRequest("logprobs_docs");
        ModelSettings settings = ModelSettings.of("gpt-4o-mini").withKwargs(Map.of("logprobs", true, "top_logprobs", 2));
        assertEquals(expected, codec.encode(ChatRequest.of(List.of(HumanMessage.of("Hello!")), settings), false));
    }

    @Test
    void keywordArgumentsWinOverTheCodecsOwnFields() {
        ModelSettings settings = ModelSettings.of("gpt-4o").withTemperature(0.2)
                .withKwargs(Map.of("temperature", 0.9, "stream_options", Map.of("include_usage", false)));
        ObjectNode body = codec.encode(ChatRequest.of(List.of(HumanMessage.of("Hi")), settings), true);
        assertEquals(0.9, body.get("temperature").doubleValue());
        assertFalse(body.get("stream_options").get("include_usage").booleanValue());
    }

    @Test
    void stopSequencesMatchTheRecording() {
        ObjectNode expected = recordedRequest("error_400_unsupported_parameter");
        ModelSettings settings = ModelSettings.of("o1-mini").withStop(List.of("stop"));
        assertEquals(expected, codec.encode(
                ChatRequest.of(List.of(HumanMessage.of("What is the capital of France?")), settings), false));
    }

    @Test
    void reasoningModelsGetMaxCompletionTokensOthersMaxTokens() {
        for (String model : List.of("o1-mini", "o3", "o4-mini", "gpt-5", "gpt-5-mini", "openai/o3-mini")) {
            ObjectNode body = encodeWithMaxTokens(model);
            assertEquals(100, body.get("max_completion_tokens").intValue(), model);
            assertFalse(body.has("max_tokens"), model);
        }
        for (String model : List.of("gpt-4o", "gpt-4.1-mini", "deepseek-chat", "llama-3.3-70b-versatile")) {
            ObjectNode body = encodeWithMaxTokens(model);
            assertEquals(100, body.get("max_tokens").intValue(), model);
            assertFalse(body.has("max_completion_tokens"), model);
        }
    }

    @Test
    void temperatureIsSentWhenSet() {
        ObjectNode body = codec.encode(
                ChatRequest.of(List.of(HumanMessage.of("Hi")), ModelSettings.of("gpt-4o").withTemperature(0.2)), false);
        assertEquals(0.2, body.get("temperature").doubleValue());
        assertFalse(codec.encode(ChatRequest.of(List.of(HumanMessage.of("Hi")), ModelSettings.of("gpt-4o")), false)
                .has("temperature"));
    }

    @Test
    void jsonSchemaResponseFormatMatchesTheRecording() {
        ObjectNode expected = recordedRequest("structured_output_json_schema");
        JsonNode format = expected.get("response_format").get("json_schema");
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("What is the capital of France? Be concise.")),
                ModelSettings.of("gpt-4o"), List.of(), null, null,
                ResponseFormat.jsonSchema("AnswerResponse", (ObjectNode) format.get("schema"), true));
        assertEquals(expected, codec.encode(request, false));
    }

    @Test
    void jsonSchemaWithToolsMatchesTheRecording() {
        ObjectNode expected = recordedRequest("structured_output_json_schema_with_tool_call");
        JsonNode format = expected.get("response_format").get("json_schema");
        ChatRequest request = new ChatRequest(
                List.of(HumanMessage.of("What is the largest city in the user country?")),
                ModelSettings.of("gpt-4o").withKwargs(Map.of("n", 1, "stream", false)), toolsOf(expected),
                ToolChoice.AUTO, null, ResponseFormat.jsonSchema("result", (ObjectNode) format.get("schema"), false));
        assertEquals(expected, codec.encode(request, false));
    }

    @Test
    void toolResultTurnAfterAStructuredOutputToolCallMatchesTheRecording() {
        ObjectNode expected = recordedRequest("structured_output_json_schema_final");
        ChatRequest request = new ChatRequest(List.of(
                HumanMessage.of("What is the largest city in the user country?"),
                AIMessage.ofToolCalls(List.of(new ToolCall("call_PkRGedQNRFUzJp2R7dO7avWR", "get_user_country", Map.of()))),
                ToolMessage.of("Mexico", "call_PkRGedQNRFUzJp2R7dO7avWR")),
                ModelSettings.of("gpt-4o").withKwargs(Map.of("n", 1, "stream", false)), toolsOf(expected),
                ToolChoice.AUTO, null,
                ResponseFormat.jsonSchema("result",
                        (ObjectNode) expected.get("response_format").get("json_schema").get("schema"), false));
        // The recorder left "content" out of the assistant turn; this codec sends null, which the API reads the same.
        ((ObjectNode) expected.get("messages").get(1)).putNull("content");
        assertEquals(expected, codec.encode(request, false));
    }

    @Test
    void builtInOptionsAsKeywordArgumentsMatchTheRecording() {
        ObjectNode expected = recordedRequest("web_search_options_search_preview");
        ModelSettings settings = ModelSettings.of("gpt-4o-search-preview").withKwargs(
                Map.of("stream", false, "web_search_options", Map.of("search_context_size", "low")));
        assertEquals(expected, codec.encode(ChatRequest.of(
                List.of(SystemMessage.of("You are a helpful assistant."), HumanMessage.of("What day is today?")), settings),
                false));
    }

    @Test
    void toolChoiceForms() {
        assertEquals("\"auto\"", toolChoice(ToolChoice.AUTO).toString());
        assertEquals("\"none\"", toolChoice(ToolChoice.NONE).toString());
        assertEquals("\"required\"", toolChoice(ToolChoice.ANY).toString());
        assertEquals(json("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
                toolChoice(ToolChoice.tool("get_weather")));
    }

    @Test
    void parallelToolCallsAndBuiltInToolsPassThrough() {
        ToolSpecification weather = ToolSpecification.of("get_weather", "Weather in a city",
                (ObjectNode) json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"));
        ToolSpecification builtIn = ToolSpecification.builtIn(Map.of("type", "web_search_preview"));
        ObjectNode body = codec.encode(new ChatRequest(List.of(HumanMessage.of("Hi")), ModelSettings.of("gpt-4o"),
                List.of(weather, builtIn), null, false, null), false);
        assertFalse(body.get("parallel_tool_calls").booleanValue());
        assertFalse(body.has("tool_choice"));
        assertEquals(json("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":"
                + "\"Weather in a city\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}"),
                body.get("tools").get(0));
        assertEquals(json("{\"type\":\"web_search_preview\"}"), body.get("tools").get(1));
    }

    @Test
    void aStrictToolIsSentStrictWithEveryPropertyRequired() {
        ObjectNode parameters = (ObjectNode) json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                + "\"unit\":{\"type\":[\"string\",\"null\"]}},\"required\":[\"city\"],\"additionalProperties\":false}");
        ToolSpecification weather = ToolSpecification.of("get_weather", null, parameters);
        JsonNode strict = codec.encode(new ChatRequest(List.of(HumanMessage.of("Hi")), ModelSettings.of("gpt-4o"),
                List.of(weather.withStrict(true)), null, null, null), false).at("/tools/0/function");
        assertTrue(strict.get("strict").booleanValue());
        assertEquals(json("[\"city\",\"unit\"]"), strict.at("/parameters/required"));
        assertEquals(json("[\"city\"]"), parameters.get("required"), "the specification's schema is left as it is");

        JsonNode plain = codec.encode(new ChatRequest(List.of(HumanMessage.of("Hi")), ModelSettings.of("gpt-4o"),
                List.of(weather), null, null, null), false).at("/tools/0/function");
        assertFalse(plain.has("strict"));
        assertEquals(parameters, plain.get("parameters"));
    }

    @Test
    void parallelToolCallsIsLeftOutWithoutTools() {
        ObjectNode body = codec.encode(new ChatRequest(List.of(HumanMessage.of("Hi")), ModelSettings.of("gpt-4o"),
                List.of(), null, false, null), false);
        assertFalse(body.has("parallel_tool_calls"));
        assertFalse(body.has("tools"));
    }

    @Test
    void jsonObjectResponseFormat() {
        ObjectNode body = codec.encode(new ChatRequest(List.of(HumanMessage.of("Hi")), ModelSettings.of("gpt-4o"),
                List.of(), null, null, ResponseFormat.jsonObject()), false);
        assertEquals(json("{\"type\":\"json_object\"}"), body.get("response_format"));
    }

    @Test
    void multimodalUserContentBecomesContentParts() {
        HumanMessage message = HumanMessage.of(TextBlock.of("Describe these"),
                DataBlock.imageUrl("https://example.com/cat.png"),
                DataBlock.base64(DataBlock.Kind.IMAGE, "aW1n", "image/png"),
                DataBlock.base64(DataBlock.Kind.AUDIO, "YXVkaW8=", "audio/mpeg"),
                DataBlock.base64(DataBlock.Kind.AUDIO, "YXVkaW8=", "audio/wav"),
                new DataBlock(DataBlock.Kind.FILE, null, "cGRm", "application/pdf", null, null, "report.pdf"),
                DataBlock.base64(DataBlock.Kind.FILE, "cGRm", "application/pdf"),
                new DataBlock(DataBlock.Kind.FILE, null, null, null, "file-abc123", null),
                new PlainTextBlock("hello", null, "notes.txt", null),
                new NonStandardBlock(Map.of("type", "image_url", "image_url",
                        Map.of("url", "https://example.com/dog.png", "detail", "low")), null));
        JsonNode content = encodeOne(message).get("content");
        assertEquals(json("""
                [
                  {"type": "text", "text": "Describe these"},
                  {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,aW1n"}},
                  {"type": "input_audio", "input_audio": {"data": "YXVkaW8=", "format": "mp3"}},
                  {"type": "input_audio", "input_audio": {"data": "YXVkaW8=", "format": "wav"}},
                  {"type": "file", "file": {"filename": "report.pdf", "file_data": "data:application/pdf;base64,cGRm"}},
                  {"type": "file", "file": {"filename": "document.pdf", "file_data": "data:application/pdf;base64,cGRm"}},
                  {"type": "file", "file": {"file_id": "file-abc123"}},
                  {"type": "file", "file": {"filename": "notes.txt", "file_data": "data:text/plain;base64,aGVsbG8="}},
                  {"type": "image_url", "image_url": {"url": "https://example.com/dog.png", "detail": "low"}}
                ]"""), content);
    }

    @Test
    void inputsChatCompletionsCannotTakeAreRejectedWithAReason() {
        IllegalArgumentException video = assertThrows(IllegalArgumentException.class, () -> encodeOne(
                HumanMessage.of(new DataBlock(DataBlock.Kind.VIDEO, "https://example.com/v.mp4", null, null, null, null))));
        assertTrue(video.getMessage().contains("video"), video.getMessage());
        IllegalArgumentException audioUrl = assertThrows(IllegalArgumentException.class, () -> encodeOne(
                HumanMessage.of(new DataBlock(DataBlock.Kind.AUDIO, "https://example.com/a.mp3", null, null, null, null))));
        assertTrue(audioUrl.getMessage().contains("base64"), audioUrl.getMessage());
    }

    @Test
    void assistantTurnKeepsTextRefusalAndInvalidCallsAndDropsReasoning() {
        AIMessage message = new AIMessage(
                List.of(ReasoningBlock.of("thinking..."), TextBlock.of("Let me check. "), TextBlock.of("One moment."),
                        OpenAiResponseDecoder.refusal("I can't do that part.", null)),
                List.of(new ToolCall("call_1", "get_weather", Map.of("city", "Paris"))),
                List.of(new InvalidToolCall("call_2", "get_time", "{\"tz\": ", "Invalid JSON")), null, Map.of(), null);
        assertEquals(
                json("""
                        {"role": "assistant", "content": "Let me check. One moment.", "refusal": "I can't do that part.",
                         "tool_calls": [
                           {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
                           {"id": "call_2", "type": "function", "function": {"name": "get_time", "arguments": "{\\"tz\\": "}}
                         ]}"""),
                encodeOne(message));
    }

    @Test
    void toolMessageWithSeveralBlocksSendsTextParts() {
        ToolMessage message = new ToolMessage(List.of(TextBlock.of("line 1"), TextBlock.of("line 2")), "call_1",
                ToolMessage.Status.ERROR, null, null);
        assertEquals(json("""
                {"role": "tool", "tool_call_id": "call_1",
                 "content": [{"type": "text", "text": "line 1"}, {"type": "text", "text": "line 2"}]}"""),
                encodeOne(message));
    }

    private ObjectNode encodeWithMaxTokens(String model) {
        return codec.encode(ChatRequest.of(List.of(HumanMessage.of("Hi")), ModelSettings.of(model).withMaxTokens(100)),
                false);
    }

    private JsonNode toolChoice(ToolChoice choice) {
        return codec.encode(new ChatRequest(List.of(HumanMessage.of("Hi")), ModelSettings.of("gpt-4o"), List.of(),
                choice, null, null), false).get("tool_choice");
    }

    private JsonNode encodeOne(Message message) {
        return codec.encode(ChatRequest.of(List.of(message), ModelSettings.of("gpt-4o")), false).get("messages").get(0);
    }

    static ObjectNode recordedRequest(String scenario) {
        return (ObjectNode) Fixtures.json(PROVIDER, scenario + ".request.json");
    }

    /** The tool specifications a recorded request was made with, strict where the recorded tool is. */
    static List<ToolSpecification> toolsOf(JsonNode request) {
        List<ToolSpecification> tools = new ArrayList<>();
        for (JsonNode tool : request.get("tools")) {
            JsonNode function = tool.get("function");
            ToolSpecification specification = ToolSpecification.of(function.get("name").asText(),
                    function.get("description").asText(), (ObjectNode) function.get("parameters"));
            tools.add(function.path("strict").asBoolean() ? specification.withStrict(true) : specification);
        }
        return tools;
    }

    static ObjectNode argumentsParsed(ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        for (JsonNode message : copy.get("messages")) {
            for (JsonNode call : message.path("tool_calls")) {
                ObjectNode function = (ObjectNode) call.get("function");
                function.set("arguments", json(function.get("arguments").asText()));
            }
        }
        return copy;
    }

    private static JsonNode json(String text) {
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
