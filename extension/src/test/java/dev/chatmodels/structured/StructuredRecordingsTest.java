package dev.chatmodels.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.HttpChatModel;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.schema.Description;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.testing.ReplayTransport;
import dev.chatmodels.tool.ChatTool;
import dev.chatmodels.tool.ToolLoop;
import dev.chatmodels.tool.ToolLoopResult;

/** Structured output through the real codecs against recorded exchanges. */
class StructuredRecordingsTest {

    @Description("Response model with structured fields.")
    record AnswerResponse(@Description("The answer to the question") String answer,
            @Description("Confidence score between 0 and 1") double confidence) {
    }

    private static ChatModel model(String provider, ReplayTransport transport, ModelSettings settings) {
        return HttpChatModel.builder(ProviderRegistry.require(provider)).transport(transport).apiKey("test-key")
                .settings(settings).build();
    }

    @Test
    void openAiJsonSchemaSendsTheRecordedResponseFormatAndReadsTheRecord() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("structured_output_json_schema");
        StructuredChatModel<AnswerResponse> answers = model("openai", transport, ModelSettings.of("gpt-4o"))
                .withStructuredOutput(AnswerResponse.class);

        AnswerResponse answer = answers.invoke("What is the capital of France? Be concise.");

        assertEquals(new AnswerResponse("Paris", 0.99), answer);
        JsonNode recorded = Fixtures.json("openai-chat", "structured_output_json_schema.request.json");
        assertEquals(RecordedJson.withoutTitles(recorded.get("response_format")),
                transport.requests().get(0).get("response_format"));
        assertEquals(recorded.get("messages"), transport.requests().get(0).get("messages"));
    }

    @Test
    void openAiToolsAndJsonSchemaTogetherRunTheToolLoopThenReadTheFinalAnswer() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("structured_output_json_schema_with_tool_call")
                .then("structured_output_json_schema_final");
        ChatTool country = ChatTool.fromSchema("get_user_country", "", Map.of("type", "object", "properties", Map.of(),
                "additionalProperties", false), args -> "Mexico");
        Map<String, Object> result = Map.of("type", "object", "properties",
                Map.of("city", Map.of("type", "string"), "country", Map.of("type", "string")), "required",
                List.of("city", "country"));
        StructuredChatModel<Map<String, Object>> cities = model("openai", transport, ModelSettings.of("gpt-4o"))
                .bindTools(List.of(country), dev.chatmodels.tool.ToolChoice.AUTO)
                .withStructuredOutput(OutputSchema.of(result).named("result"), StructuredOutputMethod.JSON_SCHEMA);

        ToolLoopResult loop = ToolLoop.run(cities.model(),
                List.of(HumanMessage.of("What is the largest city in the user country?")), RunConfig.EMPTY);

        assertEquals(Map.of("city", "Mexico City", "country", "Mexico"), cities.parse(loop.answer()));
        JsonNode recordedFinal = Fixtures.json("openai-chat", "structured_output_json_schema_final.request.json");
        JsonNode sent = transport.requests().get(1);
        assertEquals(recordedFinal.get("response_format"), sent.get("response_format"));
        ObjectNode toolResult = sent.at("/messages/2").deepCopy();
        assertEquals("get_user_country", toolResult.remove("name").asText());
        assertEquals(recordedFinal.at("/messages/2"), toolResult, "the tool result");
        assertEquals(recordedFinal.at("/tools/0/function/name"), sent.at("/tools/0/function/name"));
    }

    @Test
    void anthropicFunctionCallingStreamsPartialArgumentsThenTheCompleteValue() {
        ReplayTransport transport = new ReplayTransport("anthropic").then("tool_use_stream");
        Map<String, Object> schema = Map.of("title", "get_current_temperature", "description",
                "Get the current temperature in a city.", "type", "object", "properties",
                Map.of("city", Map.of("type", "string", "description", "The name of the city to get the temperature for.")),
                "required", List.of("city"));
        StructuredChatModel<Map<String, Object>> structured = model("anthropic", transport,
                ModelSettings.of("claude-3-5-haiku-latest").withMaxTokens(4096)).withStructuredOutput(schema, null);

        List<Map<String, Object>> items = structured.stream("What is the temperature in San Francisco?").collect().asList()
                .await().atMost(Duration.ofSeconds(10));

        // "{\"city\": " holds no value yet; then the string grows; the complete value comes last.
        assertEquals(List.of(Map.of("city", "San Franci"), Map.of("city", "San Francisco"), Map.of("city", "San Francisco")),
                items);
        JsonNode sent = transport.requests().get(0);
        assertEquals("tool", sent.at("/tool_choice/type").asText(), "function calling is Anthropic's default");
        assertEquals("get_current_temperature", sent.at("/tool_choice/name").asText());
        assertEquals("Get the current temperature in a city.", sent.at("/tools/0/description").asText());
        assertFalse(sent.at("/tools/0/input_schema").has("description"));
    }

    @Test
    void anthropicRefusesANativeResponseFormat() {
        ReplayTransport transport = new ReplayTransport("anthropic");
        StructuredChatModel<AnswerResponse> answers = model("anthropic", transport, ModelSettings.of("claude-haiku-4-5"))
                .withStructuredOutput(AnswerResponse.class, StructuredOutputMethod.JSON_SCHEMA);

        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> answers.invoke("Capital of France?"));
        assertTrue(error.getMessage().startsWith("Anthropic has no native response format"), error.getMessage());
    }
}
