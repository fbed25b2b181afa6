package dev.chatmodels.provider.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.model.Reasoning;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;

/** What the contract does not cover: options, thinking, images, formats, finish reasons, ids and base URLs. */
class OllamaCodecTest {

    private final OllamaCodec codec = new OllamaCodec();

    @Test
    void settingsGoIntoOptionsAndTheRequestsOwnFieldsStayAtTheTop() {
        ModelSettings settings = ModelSettings.of("llama3.2").withTemperature(0.2).withMaxTokens(100)
                .withStop(List.of("END")).withKwargs(Map.of("keep_alive", "10m", "num_ctx", 8192, "options",
                        Map.of("seed", 42)))
                .withReasoning(new Reasoning(Reasoning.Effort.HIGH, null));

        JsonNode body = codec.encode(ChatRequest.of(List.of(HumanMessage.of("Hi")), settings), true);

        assertEquals(RecordedJson.parse("""
                {"model": "llama3.2", "messages": [{"role": "user", "content": "Hi"}], "stream": true,
                 "think": true, "keep_alive": "10m",
                 "options": {"temperature": 0.2, "num_predict": 100, "stop": ["END"], "num_ctx": 8192, "seed": 42}}
                """), body);
    }

    @Test
    void imagesGoAsBase64AndAssistantThinkingGoesBack() {
        AIMessage earlier = new AIMessage(List.of(new ReasoningBlock("Look first.", Map.of(), null, null),
                TextBlock.of("A cat.")), List.of(), List.of(), null, Map.of(), null);
        ChatRequest request = new ChatRequest(List.of(SystemMessage.of("Be brief."),
                HumanMessage.of(TextBlock.of("What is this?"), DataBlock.base64(DataBlock.Kind.IMAGE, "iVBORw0K", "image/png")),
                earlier, HumanMessage.of("Sure?")), ModelSettings.of("llava"), List.of(), null, null,
                ResponseFormat.jsonObject());

        JsonNode body = codec.encode(request, false);

        assertEquals(RecordedJson.parse("""
                [{"role": "system", "content": "Be brief."},
                 {"role": "user", "content": "What is this?", "images": ["iVBORw0K"]},
                 {"role": "assistant", "content": "A cat.", "thinking": "Look first."},
                 {"role": "user", "content": "Sure?"}]
                """), body.get("messages"));
        assertEquals("json", body.get("format").asText());
    }

    @Test
    void aJsonSchemaIsTheFormat() {
        ObjectNode schema = (ObjectNode) RecordedJson
                .parse("{\"type\": \"object\", \"properties\": {\"age\": {\"type\": \"integer\"}}}");
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("Age?")), ModelSettings.of("llama3.1"), List.of(),
                null, null, ResponseFormat.jsonSchema("person", schema, true));

        assertEquals(schema, codec.encode(request, false).get("format"));
    }

    @Test
    void anImageByUrlOrAForcedToolCallIsRefused() {
        ChatRequest image = ChatRequest.of(List.of(HumanMessage.of(DataBlock.imageUrl("https://example.com/cat.png"))),
                ModelSettings.of("llava"));
        ToolSpecification tool = ToolSpecification.of("get_weather", "Weather", null);
        ChatRequest forced = new ChatRequest(List.of(HumanMessage.of("Hi")), ModelSettings.of("llama3.2"),
                List.of(tool), ToolChoice.tool("get_weather"), null, null);
        ChatRequest none = new ChatRequest(List.of(HumanMessage.of("Hi")), ModelSettings.of("llama3.2"),
                List.of(tool), ToolChoice.parse("none"), null, null);

        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.encode(image, false)).getMessage()
                .contains("base64"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.encode(forced, false)).getMessage()
                .contains("cannot force a tool call"));
        assertFalse(codec.encode(none, false).has("tools"), "no tools for tool choice none");
    }

    @Test
    void aToolResultNamesItsToolByTheResultsNameOrItsCall() {
        ToolCall call = new ToolCall("call_7", "search", Map.of("query", "ollama"));
        AIMessage calling = new AIMessage(List.of(call), List.of(call), List.of(), null, Map.of(), null);
        ToolMessage named = new ToolMessage(List.of(TextBlock.of("found")), "other", ToolMessage.Status.SUCCESS,
                "lookup", null);

        JsonNode messages = codec.encode(ChatRequest.of(List.of(HumanMessage.of("Go"), calling,
                ToolMessage.of("3 hits", "call_7"), named), ModelSettings.of("qwen3")), false).get("messages");

        assertEquals(RecordedJson.parse("{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": "
                + "[{\"function\": {\"name\": \"search\", \"arguments\": {\"query\": \"ollama\"}}}]}"), messages.get(1));
        assertEquals("search", messages.get(2).get("tool_name").asText());
        assertEquals("lookup", messages.get(3).get("tool_name").asText());
    }

    @Test
    void thinkingIsAReasoningBlockBesideTheCalls() {
        AIMessage message = codec.decode(Fixtures.json("ollama", "chat_nonstream_thinking_tool_call_real.response.json"));

        assertEquals(new ReasoningBlock("The user wants to search for 'ollama bash lib'. Use the search function.",
                Map.of(), null, null), message.content().get(0));
        assertEquals(List.of(Map.of("query", "ollama bash lib")), message.toolCalls().stream().map(ToolCall::args).toList());
        assertEquals(FinishReason.TOOL_CALLS, message.finishReason());
        assertEquals(new UsageMetadata(129, 47, 176, null, null), message.usage());
        assertEquals("gpt-oss:120b", message.responseMetadata().get(ResponseMetadata.MODEL_NAME));
    }

    @Test
    void severalCallsOfOneAnswerGetDistinctIdsAndRecentServersIdsAreKept() {
        AIMessage message = codec.decode(RecordedJson.parse("""
                {"model": "qwen3", "created_at": "2025-07-07T20:32:53Z", "message": {"role": "assistant", "content": "",
                 "tool_calls": [{"function": {"name": "a", "arguments": {}}}, {"function": {"name": "b", "arguments": {}}},
                                {"id": "call_x1", "function": {"name": "c", "arguments": {"n": 1}}}]},
                 "done_reason": "stop", "done": true, "prompt_eval_count": 5, "eval_count": 9}
                """));

        List<String> ids = message.toolCalls().stream().map(ToolCall::id).toList();
        assertEquals(3, ids.stream().distinct().count(), ids::toString);
        assertEquals("call_x1", ids.get(2));
    }

    @Test
    void lengthIsNormalisedAndTheWordKept() {
        AIMessage message = codec.decode(RecordedJson.parse("""
                {"model": "llama3.2", "message": {"role": "assistant", "content": "Once upon"},
                 "done_reason": "length", "done": true, "prompt_eval_count": 5, "eval_count": 2}
                """));

        assertEquals(FinishReason.LENGTH, message.finishReason());
        assertEquals("length", message.responseMetadata().get(ResponseMetadata.PROVIDER_FINISH_REASON));
    }

    @Test
    void streamedThinkingAndTextAreTwoBlocks() {
        StreamDecoder decoder = codec.newStreamDecoder();
        List<AIMessageChunk> chunks = new ArrayList<>();
        for (String line : List.of(
                "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Three\"},\"done\":false}",
                "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\" words.\"},\"done\":false}",
                "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"Soft\"},\"done\":false}",
                "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\" ears.\"},\"done\":false}",
                "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,"
                        + "\"prompt_eval_count\":12,\"eval_count\":20}")) {
            chunks.addAll(decoder.decode(new StreamEvent(null, line)));
        }

        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertTrue(decoder.isComplete());
        assertEquals(2, message.content().size(), message.content()::toString);
        assertEquals("Three words.", assertInstanceOf(ReasoningBlock.class, message.content().get(0)).reasoning());
        assertEquals("Soft ears.", message.text());
        assertEquals(new UsageMetadata(12, 20, 32, null, null), message.usage());
        assertEquals(FinishReason.STOP, message.finishReason());
    }

    @Test
    void errorsAreTypedByStatusAndAnErrorAnswerIsAServerError() {
        ProviderException notFound = ProviderException.of(codec.decodeError(404, Map.of(),
                "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}"));
        ProviderException inAnswer = assertThrows(ProviderException.class,
                () -> codec.decode(RecordedJson.parse("{\"error\": \"an error was encountered while running the model\"}")));

        assertInstanceOf(InvalidRequestException.class, notFound);
        assertEquals(404, notFound.status());
        assertTrue(notFound.getMessage().contains("try pulling it first"), notFound.getMessage());
        assertInstanceOf(ProviderServerException.class, inAnswer);
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:11434/v1", "http://gpu-box:11434/v1/", " https://ollama.example.com/v1 " })
    void aBaseUrlEndingInV1KeepsTheOpenAiCompatibleMode(String baseUrl) {
        var compatible = ProviderRegistry.atBaseUrl(OllamaCodec.DESCRIPTOR, Optional.of(baseUrl));

        assertEquals("ollama", compatible.name());
        assertEquals("/chat/completions", compatible.codec().get().path(null, false));
        assertEquals("text/event-stream", compatible.framing().mediaType());
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:11434", "http://localhost:11434/", "http://proxy/ollama/v1beta", "" })
    void otherBaseUrlsSpeakTheNativeApi(String baseUrl) {
        assertSame(OllamaCodec.DESCRIPTOR, ProviderRegistry.atBaseUrl(OllamaCodec.DESCRIPTOR, Optional.of(baseUrl)));
        assertSame(OllamaCodec.DESCRIPTOR, ProviderRegistry.atBaseUrl(OllamaCodec.DESCRIPTOR, Optional.empty()));
        assertSame(ProviderRegistry.require("openai"),
                ProviderRegistry.atBaseUrl(ProviderRegistry.require("openai"), Optional.of("https://api.openai.com/v1")));
    }
}
