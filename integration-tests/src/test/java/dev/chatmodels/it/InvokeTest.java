package dev.chatmodels.it;

import static dev.chatmodels.it.ProviderStandInResource.ANTHROPIC_KEY;
import static dev.chatmodels.it.ProviderStandInResource.OPENAI_KEY;
import static io.restassured.RestAssured.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.testing.RecordedAnswers;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.testing.RecordedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Invoking the injected default (OpenAI) and named (Anthropic) models: the answer, and the request each provider got. */
@QuarkusTest
@WithTestResource(ProviderStandInResource.class)
class InvokeTest extends ChatAppTest {

    @Test
    void listsTheConfiguredModels() {
        assertEquals(Map.of("default", "openai:gpt-4o-mini", "claude", "anthropic:claude-sonnet-4-5", "nova",
                "bedrock:us.amazon.nova-micro-v1:0", "nova-other-account", "bedrock:us.amazon.nova-micro-v1:0", "gemini",
                "google:gemini-2.5-flash"),
                get("/chat/models").then().statusCode(200).extract().jsonPath().getMap(""));
    }

    @Test
    void invokesTheDefaultOpenAiModel() {
        replay(OPENAI, "openai-chat", "text_nonstream.response.json");

        JsonPath answer = postPrompt("/chat/default/invoke", "Hello, how are you?").then().statusCode(200).extract()
                .jsonPath();

        // the recording's usage: prompt_tokens 13, completion_tokens 29, cached_tokens 0, reasoning_tokens 0
        assertAnswer(answer, RecordedAnswers.text("openai-chat", "text_nonstream"), 13, 29, "gpt-4o-2024-08-06", "stop",
                "chatcmpl-CQLEurEnnAn9VqHHvP5e8oHEZ5FFX");
        assertEquals(0, answer.getInt("usage.inputTokenDetails.cacheRead"));
        assertEquals(0, answer.getInt("usage.outputTokenDetails.reasoning"));
        assertEquals("openai", answer.getString("metadata.model_provider"));

        RecordedRequest request = onlyRequest();
        assertEquals(OPENAI, request.path());
        assertEquals("Bearer " + OPENAI_KEY, request.header("authorization"));
        assertNull(request.header("x-api-key"));
        JsonNode body = request.json();
        assertEquals("gpt-4o-mini", body.path("model").asText());
        assertEquals(RecordedJson.parse("[{\"role\": \"user\", \"content\": \"Hello, how are you?\"}]"), body.get("messages"));
        assertEquals(false, body.path("stream").asBoolean(false));
    }

    @Test
    void invokesTheNamedAnthropicModel() {
        replay(ANTHROPIC, "anthropic", "text_nonstream.response.json");

        JsonPath answer = postPrompt("/chat/claude/invoke", "Say hello").then().statusCode(200).extract().jsonPath();

        // the recording's usage: input_tokens 9 (no cache reads or writes), output_tokens 18
        assertAnswer(answer, RecordedAnswers.text("anthropic", "text_nonstream"), 9, 18, "claude-sonnet-4-20250514",
                "stop", "msg_013PpkaYgnUGGRvrYJ9XExPo");
        assertEquals("end_turn", answer.getString("metadata.provider_finish_reason"));
        assertEquals("anthropic", answer.getString("metadata.model_provider"));

        RecordedRequest request = onlyRequest();
        assertEquals(ANTHROPIC, request.path());
        assertEquals(ANTHROPIC_KEY, request.header("x-api-key"));
        assertEquals("2023-06-01", request.header("anthropic-version"));
        assertNull(request.header("authorization"));
        JsonNode body = request.json();
        assertEquals("claude-sonnet-4-5", body.path("model").asText());
        assertEquals(1024, body.path("max_tokens").asInt(), "quarkus.chat-models.claude.max-tokens");
        assertEquals(RecordedJson.parse("[{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Say hello\"}]}]"),
                body.get("messages"));
    }
}
