package dev.chatmodels.provider.google;

import static dev.chatmodels.provider.google.GeminiRecordings.assertSameBody;
import static dev.chatmodels.provider.google.GeminiRecordings.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/** Request encoding, checked against the request bodies Gemini accepted in the recordings. */
class GeminiCodecEncodeTest {

    private static final Map<String, Object> TEXT_ONLY = Map.of("responseModalities", List.of("TEXT"));

    private final GeminiCodec codec = GeminiRecordings.codec();

    @Test
    void portableReasoningIsAThinkingBudgetWithTheThoughtsBack() {
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("hi")), ModelSettings.of("gemini-2.5-flash")
                .withReasoning(new dev.chatmodels.model.Reasoning(dev.chatmodels.model.Reasoning.Effort.LOW, null)));

        JsonNode thinking = codec.encode(request, false).at("/generationConfig/thinkingConfig");

        assertEquals(2048, thinking.get("thinkingBudget").asInt());
        assertTrue(thinking.get("includeThoughts").asBoolean());
    }

    @Test
    void pathsNameTheModelAndTheStreamingMethod() {
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("hi")), ModelSettings.of("gemini-2.5-flash"));

        assertEquals("/models/gemini-2.5-flash:generateContent", codec.path(request, false));
        assertEquals("/models/gemini-2.5-flash:streamGenerateContent?alt=sse", codec.path(request, true));
    }

    @Test
    void systemInstructionAndProviderGenerationSettings() {
        JsonNode recorded = request("generate_content_text");
        ChatRequest request = ChatRequest.of(List.of(SystemMessage.of("You are a chatbot."), HumanMessage.of("Hello!")),
                ModelSettings.of("gemini-2.5-flash").withKwargs(TEXT_ONLY));

        assertSameBody(recorded, codec.encode(request, false));
    }

    @Test
    void streamedRequestWithTemperature() {
        JsonNode recorded = request("stream_generate_content_text");
        ChatRequest request = ChatRequest.of(
                List.of(SystemMessage.of("You are a helpful chatbot."), HumanMessage.of("What is the capital of France?")),
                ModelSettings.of("gemini-2.0-flash-exp").withTemperature(0.0));

        assertSameBody(recorded, codec.encode(request, true));
    }

    @Test
    void cachedContentIsARequestFieldNotAGenerationSetting() {
        JsonNode recorded = request("usage_cached_content");
        ModelSettings settings = ModelSettings.of("gemini-2.5-flash").withKwargs(TEXT_ONLY)
                .withKwargs(Map.of("cachedContent", "cachedContents/7lf5him5ev4iemi1yjv2gwli5bhpz3yidzejwllo"));

        assertSameBody(recorded, codec.encode(ChatRequest.of(List.of(HumanMessage.of("What is the capital of France?")),
                settings), false));
    }

    @Test
    void parallelToolDeclarationsWithJsonSchemaAndStopSequences() {
        JsonNode recorded = request("function_calls_parallel");
        List<ToolSpecification> tools = new ArrayList<>();
        for (JsonNode declaration : recorded.at("/tools/0/functionDeclarations")) {
            tools.add(ToolSpecification.of(declaration.get("name").asText(), declaration.get("description").asText(),
                    (ObjectNode) declaration.get("parameters_json_schema")));
        }
        ChatRequest request = new ChatRequest(
                List.of(SystemMessage.of(recorded.at("/systemInstruction/parts/0/text").asText()),
                        HumanMessage.of(recorded.at("/contents/0/parts/0/text").asText())),
                ModelSettings.of("gemini-2.5-flash").withStop(List.of("\nObservation:")), tools, null, null, null);

        assertSameBody(recorded, codec.encode(request, false));
    }

    @Test
    void functionResponseFollowUp() {
        JsonNode recorded = request("function_response_followup");
        List<Message> messages = List.of(
                HumanMessage.of("What is the largest city in the user country?"),
                AIMessage.ofToolCalls(List.of(new ToolCall("pyd_ai_3fa5644dae1d4aad997ae39c70006fbd", "get_user_country",
                        Map.of()))),
                // a result that is a JSON object goes as the response as it is
                ToolMessage.of("{\"return_value\": \"Mexico\"}", "pyd_ai_3fa5644dae1d4aad997ae39c70006fbd"));
        ChatRequest request = new ChatRequest(messages, ModelSettings.of("gemini-2.0-flash"), tools(recorded), ToolChoice.ANY,
                null, null);

        ObjectNode body = codec.encode(request, false);

        assertSameBody(recorded.get("contents"), body.get("contents"));
        assertEquals("ANY", body.at("/toolConfig/functionCallingConfig/mode").asText());
    }

    @Test
    void thoughtSignatureOfAStreamedCallGoesBackOnTheCall() {
        // the streamed answer of the recorded first turn; its call is named after the answer, where pydantic-ai
        // named it pyd_ai_...
        AIMessage answer = AIMessageChunk.sum(GeminiRecordings.chunks("function_call_stream_thought_signature"))
                .toMessage();
        String id = answer.toolCalls().get(0).id();
        JsonNode recorded = RecordedJson.parse(GeminiRecordings.requestText("function_response_stream_followup")
                .replace("pyd_ai_29bf73b69e02448588e15893d47a3e7e", id));
        ChatRequest request = new ChatRequest(
                List.of(HumanMessage.of("What is the capital of the user country? Call the tool"), answer,
                        ToolMessage.of("{\"return_value\": \"Mexico\"}", id)),
                ModelSettings.of("gemini-3-pro-preview").withKwargs(TEXT_ONLY),
                List.of(ToolSpecification.of("get_country", "",
                        (ObjectNode) recorded.at("/tools/0/functionDeclarations/0/parameters_json_schema"))),
                null, null, null);

        ObjectNode body = codec.encode(request, true);

        assertTrue(body.at("/contents/1/parts/0/thoughtSignature").asText().startsWith("EpwICpkIAXLI2nxlU6gsWZaZ"));
        assertSameBody(recorded, body);
    }

    @Test
    void toolResultsOfParallelCallsFormOneTurnNamedByTheirCalls() {
        List<ToolCall> calls = List.of(new ToolCall("a", "get_current_temperature", Map.of("city", "Paris")),
                new ToolCall("b", "get_current_temperature", Map.of("city", "London")));
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("What is the temperature in Paris and London?"),
                AIMessage.ofToolCalls(calls), ToolMessage.of("18", "a"), ToolMessage.error("no station", "b"),
                HumanMessage.of("Thanks")), ModelSettings.of("gemini-2.0-flash"));

        JsonNode contents = codec.encode(request, false).get("contents");

        assertEquals(3, contents.size());
        assertSameBody(RecordedJson.parse("""
                {"role": "user", "parts": [
                  {"functionResponse": {"id": "a", "name": "get_current_temperature", "response": {"output": "18"}}},
                  {"functionResponse": {"id": "b", "name": "get_current_temperature", "response": {"error": "no station"}}},
                  {"text": "Thanks"}]}"""), contents.get(2));
    }

    @Test
    void aToolResultWithoutItsCallNeedsAName() {
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("hi"), ToolMessage.of("18", "unknown")),
                ModelSettings.of("gemini-2.0-flash"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> codec.encode(request, false));
        assertTrue(error.getMessage().contains("unknown"), error.getMessage());
    }

    @Test
    void toolChoices() {
        assertEquals(RecordedJson.parse("{\"functionCallingConfig\": {\"mode\": \"AUTO\"}}"), toolConfig(ToolChoice.AUTO));
        assertEquals(RecordedJson.parse("{\"functionCallingConfig\": {\"mode\": \"NONE\"}}"), toolConfig(ToolChoice.NONE));
        assertEquals(RecordedJson.parse("{\"functionCallingConfig\": {\"mode\": \"ANY\"}}"), toolConfig(ToolChoice.ANY));
        assertEquals(RecordedJson.parse(
                "{\"functionCallingConfig\": {\"allowedFunctionNames\": [\"final_result\"], \"mode\": \"ANY\"}}"),
                toolConfig(ToolChoice.tool("final_result")));
    }

    @Test
    void inlineImageAudioVideoAndPdf() {
        for (String scenario : List.of("image_input_inline_nonstream", "audio_input_inline_nonstream",
                "video_input_inline_nonstream", "pdf_input_inline_nonstream")) {
            JsonNode recorded = request(scenario);
            List<Message> messages = new ArrayList<>();
            if (recorded.has("systemInstruction")) {
                messages.add(SystemMessage.of(recorded.at("/systemInstruction/parts/0/text").asText()));
            }
            JsonNode inline = recorded.at("/contents/0/parts/1/inlineData");
            String mimeType = inline.get("mimeType").asText();
            messages.add(HumanMessage.of(TextBlock.of(recorded.at("/contents/0/parts/0/text").asText()),
                    DataBlock.base64(GeminiParts.kind(mimeType), inline.get("data").asText(), mimeType)));

            assertSameBody(recorded, codec.encode(ChatRequest.of(messages, ModelSettings.of("gemini-2.0-flash")), false));
        }
    }

    @Test
    void filesByUri() {
        JsonNode pdf = request("pdf_input_file_data_vertex");
        ChatRequest pdfRequest = ChatRequest.of(List.of(HumanMessage.of(TextBlock.of("What is the main content of this URL?"),
                new DataBlock(DataBlock.Kind.FILE,
                        "https://storage.googleapis.com/cloud-samples-data/generative-ai/pdf/2403.05530.pdf",
                        null, "application/pdf", null, null))),
                ModelSettings.of("gemini-2.0-flash"));
        assertSameBody(pdf, codec.encode(pdfRequest, false));

        JsonNode video = request("usage_implicit_cache_multimodal");
        ChatRequest videoRequest = ChatRequest.of(List.of(SystemMessage.of("You are a helpful chatbot."),
                HumanMessage.of(TextBlock.of("Explain me this video in a few sentences"), new DataBlock(DataBlock.Kind.VIDEO,
                        "https://m.youtube.com/watch?v=lCdaVNyHtjU", null, "video/mp4", null, null))),
                ModelSettings.of("gemini-2.5-flash").withKwargs(TEXT_ONLY));
        assertSameBody(video, codec.encode(videoRequest, false));
    }

    @Test
    void nativeStructuredOutput() {
        ObjectNode schema = (ObjectNode) RecordedJson.parse("""
                {"type": "object", "properties": {"city": {"type": "string"}, "country": {"type": "string"}},
                 "required": ["city", "country"], "additionalProperties": false}""");
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("Largest city of Mexico?")),
                ModelSettings.of("gemini-2.5-flash").withMaxTokens(100), List.of(), null, null,
                ResponseFormat.jsonSchema("city", schema, true));

        JsonNode config = codec.encode(request, false).get("generationConfig");

        assertEquals(RecordedJson.parse("""
                {"maxOutputTokens": 100, "responseMimeType": "application/json", "responseJsonSchema":
                  {"type": "object", "properties": {"city": {"type": "string"}, "country": {"type": "string"}},
                   "required": ["city", "country"], "additionalProperties": false}}"""), config);
    }

    @Test
    void jsonModeAsksForJsonWithoutASchema() {
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("A JSON object, please")),
                ModelSettings.of("gemini-2.5-flash"), List.of(), null, null, ResponseFormat.jsonObject());

        assertEquals(RecordedJson.parse("{\"responseMimeType\": \"application/json\"}"),
                codec.encode(request, false).get("generationConfig"));
    }

    @Test
    void thoughtsGoBackAsThoughtsAndSignaturesOnTheirParts() {
        AIMessage answer = GeminiRecordings.codec().decode(GeminiRecordings.response("thought_parts_nonstream"));
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("How do I cross the street?"), answer,
                HumanMessage.of("Thanks")), ModelSettings.of("gemini-3-pro-preview"));

        JsonNode sent = codec.encode(request, false).at("/contents/1/parts");
        JsonNode received = GeminiRecordings.response("thought_parts_nonstream").at("/candidates/0/content/parts");

        assertEquals(received, sent);
    }

    @Test
    void reasoningOfOtherProvidersIsLeftOut() {
        AIMessage fromAnthropic = new AIMessage(List.of(new ReasoningBlock("", Map.of("signature", "anthropic-sig"), null,
                null), TextBlock.of("Hi")), List.of(), List.of(), null, Map.of(), null);
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("Hello"), fromAnthropic, HumanMessage.of("Again")),
                ModelSettings.of("gemini-2.5-flash"));

        assertEquals(RecordedJson.parse("[{\"text\": \"Hi\"}]"), codec.encode(request, false).at("/contents/1/parts"));
    }

    private JsonNode toolConfig(ToolChoice choice) {
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("hi")), ModelSettings.of("gemini-2.0-flash"),
                List.of(ToolSpecification.of("final_result", "", null)), choice, null, null);
        ObjectNode body = codec.encode(request, false);
        assertFalse(body.at("/tools/0/functionDeclarations/0").has("parametersJsonSchema"), "no parameters, none sent");
        return body.get("toolConfig");
    }

    private static List<ToolSpecification> tools(JsonNode recorded) {
        List<ToolSpecification> tools = new ArrayList<>();
        for (JsonNode declaration : recorded.at("/tools/0/functionDeclarations")) {
            tools.add(ToolSpecification.of(declaration.get("name").asText(), declaration.get("description").asText(),
                    null));
        }
        return tools;
    }
}
