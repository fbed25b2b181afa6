package dev.chatmodels.it;

import static dev.chatmodels.it.ProviderStandInResource.GOOGLE_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.RecordedAnswers;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.testing.RecordedRequest;
import dev.chatmodels.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The injected {@code @ModelName("gemini")} model ({@code google:gemini-2.5-flash}) against recorded Gemini exchanges
 * over HTTP: invoke, stream, the tool loop, structured output and errors, each request checked for the key in
 * {@code x-goog-api-key} and nowhere in the URL.
 */
@QuarkusTest
@WithTestResource(ProviderStandInResource.class)
class GeminiTest extends ChatAppTest {

    static final String GENERATE = "/v1/models/gemini-2.5-flash:generateContent";
    static final String STREAM = "/v1/models/gemini-2.5-flash:streamGenerateContent";

    @Test
    void invokes() {
        replay(GENERATE, "gemini", "generate_content_text.response.json");

        JsonPath answer = postPrompt("/chat/gemini/invoke", "Hello!").then().statusCode(200).extract().jsonPath();

        // the recording's usage: promptTokenCount 9, candidatesTokenCount 9 + thoughtsTokenCount 34
        assertAnswer(answer, RecordedAnswers.text("gemini", "generate_content_text"), 9, 43, "gemini-2.5-flash", "stop",
                "bzlXaa_EE_aHqtsPi_zw8Ao");
        assertEquals(34, answer.getInt("usage.outputTokenDetails.reasoning"));
        assertEquals("google", answer.getString("metadata.model_provider"));
        assertEquals("STOP", answer.getString("metadata.provider_finish_reason"));

        RecordedRequest request = onlyRequest();
        assertAuthenticated(request);
        assertNull(request.query());
        assertEquals(RecordedJson.parse("[{\"parts\": [{\"text\": \"Hello!\"}], \"role\": \"user\"}]"),
                request.json().get("contents"));
    }

    @Test
    void streamsThoughtsAndTheAnswer() {
        replay(STREAM, "gemini", "thought_parts_stream.response.sse");

        JsonPath answer = postPrompt("/chat/gemini/stream/collected", "How do I cross the street?").then().statusCode(200)
                .extract().jsonPath();

        assertEquals(RecordedAnswers.streamedText("gemini", "thought_parts_stream"), answer.getString("text"));
        assertFalse(answer.getString("reasoning").isEmpty());
        // the last report of the recording: promptTokenCount 34, candidatesTokenCount 469 + thoughtsTokenCount 787
        assertUsage(answer, "usage", 34, 1256, 1290);
        assertEquals("gemini-2.5-pro", answer.getString("modelName"));
        assertEquals("stop", answer.getString("finishReason"));

        RecordedRequest request = onlyRequest();
        assertAuthenticated(request);
        assertEquals("alt=sse", request.query());
    }

    @Test
    void toolLoopSendsTheResultsAndTheCallsSignatureBack() {
        replay(GENERATE, "gemini", "function_calls_parallel.response.json", "generate_content_text.response.json");
        JsonNode asked = Fixtures.json("gemini", "function_calls_parallel.request.json");
        JsonNode calls = Fixtures.json("gemini", "function_calls_parallel.response.json").at("/candidates/0/content");

        JsonPath loop = postPrompt("/tools/gemini/loop", asked.at("/contents/0/parts/0/text").asText()).then()
                .statusCode(200).extract().jsonPath();

        assertEquals(RecordedAnswers.text("gemini", "generate_content_text"), loop.getString("answer.text"));
        assertEquals(List.of("parallel_local_search_one", "parallel_local_search_two", "parallel_local_search_three"),
                loop.getList("toolCalls.tool"));
        assertEquals(List.of("SUCCESS"), loop.getList("toolCalls.status").stream().distinct().toList());
        List<String> ids = loop.getList("toolCalls.id", String.class);
        assertEquals(3, ids.stream().distinct().count(), "Gemini gives no ids: each call gets its own");

        List<RecordedRequest> requests = standIn.requests();
        assertEquals(2, requests.size(), "the question, then the tool results");
        requests.forEach(GeminiTest::assertAuthenticated);
        JsonNode declarations = requests.get(0).json().at("/tools/0/functionDeclarations");
        for (int i = 0; i < 3; i++) {
            JsonNode recorded = asked.at("/tools/0/functionDeclarations/" + i);
            assertEquals(recorded.get("name"), declarations.at("/" + i + "/name"));
            assertEquals(RecordedJson.withoutTitles(recorded.get("parameters_json_schema")),
                    declarations.at("/" + i + "/parametersJsonSchema"), "the schema generated at build time");
        }
        JsonNode followUp = requests.get(1).json().get("contents");
        assertEquals(3, followUp.size(), "question, calls, and the three results in one user turn");
        // the model turn as Gemini sent it, with the ids the calls were given
        ObjectNode modelTurn = calls.deepCopy();
        for (int i = 0; i < 3; i++) {
            ((ObjectNode) modelTurn.at("/parts/" + i + "/functionCall")).put("id", ids.get(i));
        }
        assertEquals(modelTurn, followUp.get(1), "the first call's thoughtSignature goes back with it");
        List<String> results = loop.getList("toolCalls.result", String.class);
        for (int i = 0; i < 3; i++) {
            assertEquals(RecordedJson.parse("{\"functionResponse\": {\"id\": \"" + ids.get(i) + "\", \"name\": \""
                    + loop.getList("toolCalls.tool").get(i) + "\", \"response\": {\"output\": \"" + results.get(i) + "\"}}}"),
                    followUp.at("/2/parts/" + i));
        }
    }

    /**
     * No recording answers with a response schema: the reply is the recorded text answer with its text replaced by the
     * JSON the schema asks for.
     */
    @Test
    void answersInTheResponseJsonSchema() {
        ObjectNode reply = Fixtures.json("gemini", "generate_content_text.response.json").deepCopy();
        ((ObjectNode) reply.at("/candidates/0/content/parts/0")).put("text", "{\"answer\": \"Paris\", \"confidence\": 0.9}");
        standIn.enqueue(GENERATE, Reply.json(200, reply.toString()));

        String answer = postPrompt("/structured/gemini/answer", "What is the capital of France?").then().statusCode(200)
                .extract().asString();

        assertEquals(RecordedJson.parse("{\"answer\": \"Paris\", \"confidence\": 0.9}"), RecordedJson.parse(answer));
        JsonNode config = onlyRequest().json().get("generationConfig");
        assertEquals("application/json", config.get("responseMimeType").asText());
        JsonNode schema = config.get("responseJsonSchema");
        assertEquals(Map.of("answer", "string", "confidence", "number"), Map.of("answer",
                schema.at("/properties/answer/type").asText(), "confidence",
                schema.at("/properties/confidence/type").asText()));
        assertEquals(RecordedJson.parse("[\"answer\", \"confidence\"]"), schema.get("required"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "error_400_api_key_invalid,    AuthenticationException, 400, INVALID_ARGUMENT,   false",
            "error_429_resource_exhausted, RateLimitException,      429, RESOURCE_EXHAUSTED, true",
            "error_503_unavailable,        ProviderServerException, 503, UNAVAILABLE,        true"
    })
    void mapsRecordedErrorsToTypedExceptions(String scenario, String exception, int status, String type,
            boolean retryable) {
        replay(GENERATE, "gemini", scenario + ".response.json");

        JsonPath error = failedCall(postPrompt("/chat/gemini/invoke", "Hello"));

        assertEquals(exception, error.getString("exception"));
        assertEquals(status, error.getInt("status"));
        assertEquals(type, error.getString("type"));
        assertEquals(retryable, error.getBoolean("retryable"));
        assertEquals(1, standIn.requestCount(GENERATE), "no retry: quarkus.chat-models.*.max-retries=0");
    }

    /** The recorded 429 with the {@code RetryInfo} detail Google adds to quota errors (its documented shape). */
    @Test
    void carriesTheRetryDelayOfRetryInfo() {
        ObjectNode body = Fixtures.json("gemini", "error_429_resource_exhausted.response.json").deepCopy();
        ((ObjectNode) body.get("error")).set("details", RecordedJson.parse(
                "[{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"27s\"}]"));
        standIn.enqueue(GENERATE, Reply.json(429, body.toString()));

        JsonPath error = failedCall(postPrompt("/chat/gemini/invoke", "Hello"));

        assertEquals(27_000, error.getLong("retryAfterMillis"));
        assertEquals("RateLimitException", error.getString("exception"));
    }

    @Test
    void anErrorAnswerToAStreamIsTyped() {
        replay(STREAM, "gemini", "error_503_unavailable.response.json");

        JsonPath error = failedCall(postPrompt("/chat/gemini/stream/collected", "Hello"));

        assertEquals("ProviderServerException", error.getString("exception"));
        assertEquals("UNAVAILABLE", error.getString("type"));
    }

    /** The app's 502 answer for a failed model call, checked for the key. */
    private static JsonPath failedCall(Response response) {
        String body = response.then().statusCode(502).extract().asString();
        assertFalse(body.contains(GOOGLE_KEY), "the Google API key leaked: " + body);
        return JsonPath.from(body);
    }

    private static void assertAuthenticated(RecordedRequest request) {
        assertEquals(GOOGLE_KEY, request.header("x-goog-api-key"));
        assertNull(request.header("authorization"));
        assertFalse(request.path().contains(GOOGLE_KEY) || String.valueOf(request.query()).contains(GOOGLE_KEY),
                "the key is not in the URL");
    }
}
