package dev.chatmodels.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.CacheControl;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/** Request encoding, checked against the request bodies Bedrock accepted in the recordings. */
class BedrockCodecEncodeTest {

    private static final String NOVA = "us.amazon.nova-micro-v1:0";
    private static final NonStandardBlock CACHE_POINT = new NonStandardBlock(
            Map.of("cachePoint", Map.of("type", "default")), null);

    private final BedrockCodec codec = new BedrockCodec();

    @Test
    void pathHoldsTheEncodedModelIdAsRecorded() {
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("hi")), ModelSettings.of(NOVA));

        assertEquals(recordedPath("converse_text"), codec.path(request, false));
        assertEquals(recordedPath("converse_stream_text"), codec.path(request, true));
        assertEquals("/model/us.amazon.nova-micro-v1%3A0/converse", codec.path(request, false));
        assertEquals("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123%3Ainference-profile%2Fus.x/converse",
                codec.path(ChatRequest.of(List.of(HumanMessage.of("hi")),
                        ModelSettings.of("arn:aws:bedrock:us-east-1:123:inference-profile/us.x")), false));
    }

    @Test
    void systemAndText() {
        ChatRequest request = ChatRequest.of(List.of(SystemMessage.of("You are a chatbot."), HumanMessage.of("Hello!")),
                ModelSettings.of(NOVA));

        assertSameRequest(BedrockRecordings.request("converse_text"), codec.encode(request, false));
    }

    @Test
    void temperatureGoesToInferenceConfig() {
        ChatRequest request = ChatRequest.of(
                List.of(SystemMessage.of("You are a helpful chatbot."), HumanMessage.of("What is the capital of France?")),
                ModelSettings.of(NOVA).withTemperature(0.0));

        assertSameRequest(BedrockRecordings.request("converse_stream_text"), codec.encode(request, true));
    }

    @Test
    void maxTokensAndStopSequences() {
        ObjectNode body = codec.encode(ChatRequest.of(List.of(HumanMessage.of("hi")),
                ModelSettings.of(NOVA).withMaxTokens(100).withStop(List.of("END"))), false);

        assertEquals(Jackson.MAPPER.createObjectNode().put("maxTokens", 100).set("stopSequences",
                Jackson.MAPPER.createArrayNode().add("END")), body.get("inferenceConfig"));
    }

    @Test
    void toolsWithForcedAnyToolChoice() {
        JsonNode recorded = BedrockRecordings.request("converse_tool_use");
        ChatRequest request = new ChatRequest(
                List.of(SystemMessage.of("You are a helpful chatbot."),
                        HumanMessage.of("What was the temperature in London 1st January 2022?")),
                ModelSettings.of(NOVA), recordedTools(recorded), ToolChoice.ANY, null, null);

        assertSameRequest(recorded, codec.encode(request, false));
    }

    @Test
    void toolResultFollowUpMatchesTheRecordedBody() {
        JsonNode recorded = BedrockRecordings.request("converse_tool_result_followup");
        AIMessage toolUse = codec.decode(BedrockRecordings.response("converse_tool_use"));
        ChatRequest request = new ChatRequest(
                List.of(SystemMessage.of("You are a helpful chatbot."),
                        HumanMessage.of("What was the temperature in London 1st January 2022?"), toolUse,
                        ToolMessage.of("30°C", "tooluse_Mj06ft-ITJik1Otgpkc1uA")),
                ModelSettings.of(NOVA), recordedTools(recorded), ToolChoice.ANY, null, null);

        assertSameRequest(recorded, codec.encode(request, false));
    }

    @Test
    void streamedToolUseRequestWithInferenceConfigKwargs() {
        JsonNode recorded = BedrockRecordings.request("converse_stream_tool_use");
        ChatRequest request = new ChatRequest(
                List.of(SystemMessage.of("You are a helpful chatbot."),
                        HumanMessage.of("What is the temperature of the capital of France?")),
                ModelSettings.of(NOVA).withKwargs(Map.of("inferenceConfig", Map.of("topP", 0.5))),
                recordedTools(recorded), null, null, null);

        assertSameRequest(recorded, codec.encode(request, true));
    }

    @Test
    void portableReasoningIsClaudesThinkingAsRecorded() {
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("How do I cross the street?")),
                ModelSettings.of("us.anthropic.claude-sonnet-4-20250514-v1:0")
                        .withReasoning(new dev.chatmodels.model.Reasoning(null, 1024)));

        assertSameRequest(BedrockRecordings.request("converse_reasoning"), codec.encode(request, false));
    }

    @Test
    void modelExtrasGoToAdditionalModelRequestFields() {
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("How do I cross the street?")),
                ModelSettings.of("us.anthropic.claude-sonnet-4-20250514-v1:0")
                        .withKwargs(Map.of("thinking", Map.of("type", "enabled", "budget_tokens", 1024))));

        assertSameRequest(BedrockRecordings.request("converse_reasoning"), codec.encode(request, false));
    }

    @Test
    void cachePointsInSystemMessagesAndTools() {
        JsonNode recorded = BedrockRecordings.request("converse_cache_read");
        JsonNode content = recorded.at("/messages/0/content");
        List<ContentBlock> user = List.of(TextBlock.of(content.at("/0/text").asText()),
                DataBlock.base64(DataBlock.Kind.FILE, content.at("/1/document/source/bytes").asText(), "text/plain"),
                TextBlock.of("\n"), CACHE_POINT, TextBlock.of("What is 10 + 11?"), CACHE_POINT);
        List<ToolSpecification> tools = new ArrayList<>(recordedTools(recorded).subList(0, 2));
        tools.add(ToolSpecification.builtIn(Map.of("cachePoint", Map.of("type", "default"))));
        ChatRequest request = new ChatRequest(
                List.of(new SystemMessage(List.of(TextBlock.of(recorded.at("/system/0/text").asText()), CACHE_POINT), null),
                        new HumanMessage(user, null)),
                ModelSettings.of("us.anthropic.claude-sonnet-4-5-20250929-v1:0"), tools, ToolChoice.AUTO, null, null);

        assertSameRequest(recorded, codec.encode(request, false));
    }

    @Test
    void portableCacheBreakpointsAreCachePoints() {
        JsonNode recorded = BedrockRecordings.request("converse_cache_read");
        JsonNode content = recorded.at("/messages/0/content");
        List<ContentBlock> user = List.of(TextBlock.of(content.at("/0/text").asText()),
                DataBlock.base64(DataBlock.Kind.FILE, content.at("/1/document/source/bytes").asText(), "text/plain"),
                TextBlock.of("\n").withExtras(CacheControl.EPHEMERAL),
                TextBlock.of("What is 10 + 11?").withExtras(CacheControl.EPHEMERAL));
        List<ToolSpecification> tools = new ArrayList<>(recordedTools(recorded).subList(0, 2));
        tools.add(ToolSpecification.builtIn(Map.of("cachePoint", Map.of("type", "default"))));
        ChatRequest request = new ChatRequest(List.of(new SystemMessage(List.of(TextBlock.of(
                recorded.at("/system/0/text").asText()).withExtras(CacheControl.EPHEMERAL)), null),
                new HumanMessage(user, null)),
                ModelSettings.of("us.anthropic.claude-sonnet-4-5-20250929-v1:0"), tools, ToolChoice.AUTO, null, null);

        assertSameRequest(recorded, codec.encode(request, false));
    }

    @Test
    void imageAsBase64Bytes() {
        JsonNode recorded = BedrockRecordings.request("converse_image_input");
        ChatRequest request = ChatRequest.of(List.of(new HumanMessage(List.of(
                TextBlock.of("Describe this image in one sentence. Be brief."),
                DataBlock.base64(DataBlock.Kind.IMAGE, recorded.at("/messages/0/content/1/image/source/bytes").asText(),
                        "image/png")),
                null)), ModelSettings.of("us.anthropic.claude-sonnet-4-6"));

        assertSameRequest(recorded, codec.encode(request, false));
    }

    @Test
    void documentsAcrossTurnsAreNumbered() {
        JsonNode recorded = BedrockRecordings.request("converse_document_input_multi_turn");
        JsonNode turns = recorded.get("messages");
        List<Message> messages = List.of(
                new HumanMessage(List.of(TextBlock.of("Here is a PDF document: "), pdf(turns.at("/0/content/1"))), null),
                AIMessage.of("foo bar"),
                new HumanMessage(List.of(TextBlock.of("Here is another PDF document: "), pdf(turns.at("/2/content/1"))),
                        null),
                AIMessage.of("foo bar 2"),
                HumanMessage.of("What is in the documents?"));
        ChatRequest request = ChatRequest.of(messages, ModelSettings.of("us.anthropic.claude-3-7-sonnet-20250219-v1:0"));

        assertSameRequest(recorded, codec.encode(request, false));
    }

    @Test
    void namedToolChoice() {
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("weather?")), ModelSettings.of(NOVA),
                recordedTools(BedrockRecordings.request("converse_tool_use")), ToolChoice.tool("temperature"), null, null);

        assertEquals(Jackson.MAPPER.createObjectNode().set("tool", Jackson.MAPPER.createObjectNode().put("name",
                "temperature")), codec.encode(request, false).at("/toolConfig/toolChoice"));
    }

    @Test
    void noToolChoiceLeavesTheToolsOutUnlessTheConversationUsesThem() {
        List<ToolSpecification> tools = recordedTools(BedrockRecordings.request("converse_tool_use"));
        ChatRequest fresh = new ChatRequest(List.of(HumanMessage.of("hi")), ModelSettings.of(NOVA), tools, ToolChoice.NONE,
                null, null);
        assertFalse(codec.encode(fresh, false).has("toolConfig"));

        ChatRequest followUp = new ChatRequest(List.of(HumanMessage.of("hi"),
                AIMessage.ofToolCalls(List.of(new ToolCall("t1", "temperature", Map.of()))), ToolMessage.of("3", "t1")),
                ModelSettings.of(NOVA), tools, ToolChoice.NONE, null, null);
        ObjectNode body = codec.encode(followUp, false);
        assertEquals(2, body.at("/toolConfig/tools").size());
        assertFalse(body.get("toolConfig").has("toolChoice"));
    }

    @Test
    void reasoningGoesBackWithItsSignatureOrRedactedContent() {
        AIMessage recorded = codec.decode(BedrockRecordings.response("converse_reasoning"));
        ReasoningBlock redacted = new ReasoningBlock("",
                Map.of(BedrockResponseDecoder.REDACTED_CONTENT, "RW5jcnlwdGVk"), null, null);
        ReasoningBlock unsigned = ReasoningBlock.of("from another provider");
        AIMessage assistant = new AIMessage(List.of(unsigned, redacted, recorded.content().get(0), recorded.content().get(1)),
                List.of(), List.of(), null, Map.of(), null);
        ChatRequest request = ChatRequest.of(List.of(HumanMessage.of("How do I cross the street?"), assistant,
                HumanMessage.of("Thanks")), ModelSettings.of("us.anthropic.claude-sonnet-4-20250514-v1:0"));

        JsonNode content = codec.encode(request, false).at("/messages/1/content");

        JsonNode answer = BedrockRecordings.response("converse_reasoning").at("/output/message/content");
        assertEquals(3, content.size());
        assertEquals(RecordedJson.parse("{\"reasoningContent\": {\"redactedContent\": \"RW5jcnlwdGVk\"}}"),
                content.get(0));
        assertEquals(answer.get(0), content.get(1));
        assertEquals(answer.get(1), content.get(2));
    }

    @Test
    void responseFormatIsRefused() {
        ChatRequest request = new ChatRequest(List.of(HumanMessage.of("hi")), ModelSettings.of(NOVA), List.of(), null, null,
                ResponseFormat.jsonObject());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> codec.encode(request, false));
        assertTrue(refused.getMessage().contains("function_calling"), refused.getMessage());
    }

    @Test
    void audioAndHttpUrlsAreRefused() {
        ChatRequest audio = ChatRequest.of(
                List.of(HumanMessage.of(DataBlock.base64(DataBlock.Kind.AUDIO, "AAAA", "audio/wav"))),
                ModelSettings.of(NOVA));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(audio, false));
        ChatRequest url = ChatRequest.of(List.of(HumanMessage.of(DataBlock.imageUrl("https://example.com/cat.png"))),
                ModelSettings.of(NOVA));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> codec.encode(url, false));
        assertTrue(refused.getMessage().contains("s3://"), refused.getMessage());
    }

    @Test
    void imageFromS3() {
        DataBlock image = new DataBlock(DataBlock.Kind.IMAGE, "s3://bucket/cat.jpg", null, "image/jpeg", null, null);

        JsonNode block = codec.encode(ChatRequest.of(List.of(HumanMessage.of(image)), ModelSettings.of(NOVA)), false)
                .at("/messages/0/content/0/image");

        assertEquals("jpeg", block.get("format").asText());
        assertEquals("s3://bucket/cat.jpg", block.at("/source/s3Location/uri").asText());
    }

    private static DataBlock pdf(JsonNode recordedDocument) {
        return DataBlock.base64(DataBlock.Kind.FILE, recordedDocument.at("/document/source/bytes").asText(),
                "application/pdf");
    }

    private static List<ToolSpecification> recordedTools(JsonNode recorded) {
        List<ToolSpecification> tools = new ArrayList<>();
        for (JsonNode tool : recorded.at("/toolConfig/tools")) {
            JsonNode spec = tool.get("toolSpec");
            if (spec != null) {
                tools.add(ToolSpecification.of(spec.get("name").asText(),
                        spec.has("description") ? spec.get("description").asText() : null,
                        (ObjectNode) spec.at("/inputSchema/json")));
            }
        }
        return tools;
    }

    private static String recordedPath(String scenario) {
        return URI.create(Fixtures.json(BedrockRecordings.PROVIDER, scenario + ".meta.json").get("url").asText())
                .getRawPath();
    }

    /** Recorded bodies send {@code "system": []} when there are no instructions; this library leaves it out. */
    private static void assertSameRequest(JsonNode recorded, JsonNode encoded) {
        ObjectNode expected = recorded.deepCopy();
        if (expected.get("system") instanceof ArrayNode system && system.isEmpty()) {
            expected.remove("system");
        }
        assertEquals(expected, encoded);
    }
}
