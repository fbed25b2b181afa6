package dev.chatmodels.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.RecordedAnswers;
import dev.chatmodels.testing.RecordedJson;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Records as answers: OpenAI through its {@code json_schema} response format, Anthropic through a forced call of the
 * output tool, each against a recorded exchange.
 */
@QuarkusTest
@WithTestResource(ProviderStandInResource.class)
class StructuredOutputTest extends ChatAppTest {

    @Test
    void theDefaultModelAnswersThroughAJsonSchemaResponseFormat() {
        replay(OPENAI, "openai-chat", "structured_output_json_schema.response.json");
        JsonNode asked = Fixtures.json("openai-chat", "structured_output_json_schema.request.json");

        String answer = postPrompt("/structured/answer", asked.at("/messages/0/content").asText()).then().statusCode(200)
                .extract().asString();

        // the recorded answer is the JSON text {"answer":"Paris","confidence":0.99}
        assertEquals(RecordedJson.parse(RecordedAnswers.text("openai-chat", "structured_output_json_schema")),
                RecordedJson.parse(answer));
        JsonNode sent = onlyRequest().json();
        assertEquals(RecordedJson.withoutTitles(asked.get("response_format")), sent.get("response_format"),
                "a strict json_schema named after the record, generated from it");
        assertEquals(asked.get("messages"), sent.get("messages"));
    }

    @Test
    void theClaudeModelAnswersByCallingTheOutputTool() {
        replay(ANTHROPIC, "anthropic", "tool_use_nonstream.response.json");
        JsonNode asked = Fixtures.json("anthropic", "tool_use_nonstream.request.json");

        String answer = postPrompt("/structured/weather-query", asked.at("/messages/0/content").asText()).then()
                .statusCode(200).extract().asString();

        // the arguments of the recorded get_weather call
        assertEquals(Fixtures.json("anthropic", "tool_use_nonstream.response.json").at("/content/0/input"),
                RecordedJson.parse(answer));
        JsonNode sent = onlyRequest().json();
        assertEquals("tool", sent.at("/tool_choice/type").asText(), "the model must call the output tool");
        assertEquals("get_weather", sent.at("/tool_choice/name").asText());
        assertEquals(1, sent.get("tools").size(), "the output tool replaces the configured familyDirectory tools");
        assertEquals(asked.at("/tools/0/name"), sent.at("/tools/0/name"));
        assertEquals(asked.at("/tools/0/description"), sent.at("/tools/0/description"));
        assertEquals(asked.at("/tools/0/input_schema/properties/location"),
                sent.at("/tools/0/input_schema/properties/location"));
        assertEquals(RecordedJson.parse("[\"location\"]"), sent.at("/tools/0/input_schema/required"));
    }

    @Test
    void anAnswerWithoutTheOutputToolCallFailsTheRequest() {
        replay(ANTHROPIC, "anthropic", "text_nonstream.response.json");

        JsonPath error = postPrompt("/structured/weather-query", "What is the weather in Tokyo?").then().statusCode(502)
                .extract().jsonPath();

        assertEquals("OutputParsingException", error.getString("exception"));
        assertTrue(error.getString("message").contains("get_weather"), error.getString("message"));
    }
}
