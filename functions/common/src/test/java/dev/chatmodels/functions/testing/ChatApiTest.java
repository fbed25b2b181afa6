package dev.chatmodels.functions.testing;

import static dev.chatmodels.functions.testing.StandInModels.ANTHROPIC_KEY;
import static dev.chatmodels.functions.testing.StandInModels.GOOGLE_KEY;
import static dev.chatmodels.functions.testing.StandInModels.OPENAI_KEY;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.RecordedAnswers;
import dev.chatmodels.testing.RecordedRequest;
import dev.chatmodels.testing.Reply;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The OpenAI-compatible API as a client sees it, whatever the app serves it on: subclasses are {@code @QuarkusTest}s
 * (and {@code @QuarkusIntegrationTest}s) of each function app with {@link StandInModels}. The provider stand-in answers
 * with recorded fixtures.
 */
public abstract class ChatApiTest {

    protected static final String OPENAI = "/v1/chat/completions";
    protected static final String ANTHROPIC = "/v1/messages";
    protected static final String GEMINI = "/v1/models/gemini-2.5-flash:generateContent";
    protected static final String GEMINI_STREAM = "/v1/models/gemini-2.5-flash:streamGenerateContent";
    protected static final String HELLO = "[{\"role\": \"user\", \"content\": \"Hello, how are you?\"}]";

    @StandIn
    protected ProviderStandIn standIn;

    /** A request that hangs fails after this instead of holding the build; far beyond any answer's time. */
    private static final int SOCKET_TIMEOUT_MILLIS = 60_000;

    @BeforeEach
    void forgetEarlierCallsAndFailHungRequests() {
        standIn.reset();
        // Each time: Quarkus sets the client configuration before every test.
        RestAssured.config = RestAssured.config().httpClient(RestAssured.config().getHttpClientConfig()
                .setParam("http.socket.timeout", SOCKET_TIMEOUT_MILLIS));
    }

    @Test
    void listsTheConfiguredModels() {
        JsonNode models = SseBody.json(given().get("/v1/models").then().statusCode(200).extract().asString());

        assertEquals("list", models.get("object").asText());
        assertEquals("default", models.at("/data/0/id").asText());
        assertEquals("openai", models.at("/data/0/owned_by").asText());
        assertEquals("claude", models.at("/data/1/id").asText());
        assertEquals("anthropic", models.at("/data/1/owned_by").asText());
        assertEquals("gemini", models.at("/data/2/id").asText());
        assertEquals("google", models.at("/data/2/owned_by").asText());
    }

    @Test
    void reportsReadyWithTheConfiguredModels() {
        JsonNode health = SseBody.json(given().get("/q/health/ready").then().statusCode(200).extract().asString());

        assertEquals("UP", health.get("status").asText());
        assertEquals("default,claude,gemini", health.at("/checks/0/data/models").asText());
    }

    @Test
    void answersWithTheDefaultOpenAiModel() {
        replay(OPENAI, "openai-chat", "text_nonstream.response.json");

        JsonNode completion = complete("{\"model\": \"default\", \"messages\": " + HELLO + "}");

        assertEquals("chat.completion", completion.get("object").asText());
        assertEquals(RecordedAnswers.text("openai-chat", "text_nonstream"),
                completion.at("/choices/0/message/content").asText());
        assertEquals("stop", completion.at("/choices/0/finish_reason").asText());
        assertEquals(13, completion.at("/usage/prompt_tokens").asInt());
        assertEquals(29, completion.at("/usage/completion_tokens").asInt());
        assertEquals(42, completion.at("/usage/total_tokens").asInt());
        RecordedRequest sent = onlyRequest();
        assertEquals(OPENAI, sent.path());
        assertEquals("Bearer " + OPENAI_KEY, sent.header("authorization"));
        assertEquals("gpt-4o-mini", sent.json().get("model").asText());
        assertEquals("Hello, how are you?", sent.json().at("/messages/0/content").asText());
    }

    @Test
    void answersWithANamedAnthropicModelInOpenAisFormat() {
        replay(ANTHROPIC, "anthropic", "text_nonstream.response.json");

        JsonNode completion = complete("""
                {"model": "claude", "messages": [{"role": "system", "content": "Be nice."},
                  {"role": "user", "content": "Hello"}], "temperature": 0.5, "max_tokens": 300, "stop": ["END"]}
                """);

        assertEquals(RecordedAnswers.text("anthropic", "text_nonstream"), completion.at("/choices/0/message/content").asText());
        assertEquals("stop", completion.at("/choices/0/finish_reason").asText());
        assertEquals("claude-sonnet-4-20250514", completion.get("model").asText());
        RecordedRequest sent = onlyRequest();
        assertEquals(ANTHROPIC, sent.path());
        assertEquals(ANTHROPIC_KEY, sent.header("x-api-key"));
        assertNull(sent.header("authorization"));
        JsonNode body = sent.json();
        assertEquals("claude-sonnet-4-5", body.get("model").asText());
        assertEquals(0.5, body.get("temperature").asDouble());
        assertEquals(300, body.get("max_tokens").asInt());
        assertEquals("END", body.at("/stop_sequences/0").asText());
        assertEquals("Be nice.", systemText(body));
    }

    @Test
    void answersWithAGeminiModelTheKeyInItsHeader() {
        replay(GEMINI, "gemini", "function_calls_parallel.response.json");

        JsonNode completion = complete("""
                {"model": "gemini", "messages": [{"role": "system", "content": "Be quick."},
                  {"role": "user", "content": "Search three times"}], "max_tokens": 300}
                """);

        assertEquals("tool_calls", completion.at("/choices/0/finish_reason").asText());
        assertEquals(3, completion.at("/choices/0/message/tool_calls").size());
        assertEquals("gemini-2.5-flash", completion.get("model").asText());
        assertEquals(291, completion.at("/usage/prompt_tokens").asInt());
        assertEquals(137, completion.at("/usage/completion_tokens").asInt(), "candidates and thoughts");
        RecordedRequest sent = onlyRequest();
        assertEquals(GEMINI, sent.path());
        assertNull(sent.query(), "the key is not in the URL");
        assertEquals(GOOGLE_KEY, sent.header("x-goog-api-key"));
        assertNull(sent.header("authorization"));
        JsonNode body = sent.json();
        assertEquals("Be quick.", body.at("/systemInstruction/parts/0/text").asText());
        assertEquals(300, body.at("/generationConfig/maxOutputTokens").asInt());
    }

    @Test
    void streamsGeminiThoughtsAsReasoningAndTheTextAsContent() {
        replay(GEMINI_STREAM, "gemini", "thought_parts_stream.response.sse");

        Response response = post("{\"model\": \"gemini\", \"stream\": true, \"stream_options\": {\"include_usage\": true},"
                + " \"messages\": " + HELLO + "}");

        response.then().statusCode(200);
        SseBody sse = SseBody.parse(response.asString());
        assertTrue(sse.done());
        assertEquals(RecordedAnswers.streamedText("gemini", "thought_parts_stream"), sse.text());
        List<JsonNode> chunks = sse.chunks();
        assertTrue(chunks.stream().anyMatch(chunk -> chunk.at("/choices/0/delta/reasoning_content").asText("")
                .startsWith("**Clarifying User Goals**")), response.asString());
        assertEquals("stop", chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText());
        assertEquals(1290, chunks.get(chunks.size() - 1).at("/usage/total_tokens").asInt());
        RecordedRequest sent = onlyRequest();
        assertEquals("alt=sse", sent.query());
        assertEquals(GOOGLE_KEY, sent.header("x-goog-api-key"));
    }

    @Test
    void streamsTextWithTheUsageAtTheEnd() {
        replay(OPENAI, "openai-chat", "text_stream_include_usage_2.response.sse");

        Response response = post("{\"model\": \"default\", \"stream\": true, \"stream_options\": {\"include_usage\": true},"
                + " \"messages\": " + HELLO + "}");

        response.then().statusCode(200);
        assertTrue(response.contentType().startsWith("text/event-stream"), response.contentType());
        SseBody sse = SseBody.parse(response.asString());
        assertTrue(sse.done());
        assertEquals(RecordedAnswers.streamedText("openai-chat", "text_stream_include_usage_2"), sse.text());
        List<JsonNode> chunks = sse.chunks();
        assertEquals("assistant", chunks.get(0).at("/choices/0/delta/role").asText());
        assertEquals("stop", chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText());
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertEquals(0, usage.get("choices").size());
        assertEquals(168, usage.at("/usage/prompt_tokens").asInt());
        assertEquals(137, usage.at("/usage/completion_tokens").asInt());
        assertEquals(305, usage.at("/usage/total_tokens").asInt());
        assertTrue(onlyRequest().json().get("stream").asBoolean());
    }

    @Test
    void streamsAnthropicAnswersAsOpenAiChunks() {
        replay(ANTHROPIC, "anthropic", "text_stream_cache_read.response.sse");

        SseBody sse = SseBody.parse(post("{\"model\": \"claude\", \"stream\": true, \"stream_options\": "
                + "{\"include_usage\": true}, \"messages\": " + HELLO + "}").then().statusCode(200).extract().asString());

        assertTrue(sse.done());
        assertEquals(RecordedAnswers.streamedText("anthropic", "text_stream_cache_read"), sse.text());
        List<JsonNode> chunks = sse.chunks();
        assertEquals("stop", chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText());
        JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
        assertTrue(usage.get("prompt_tokens").asInt() > 0);
        assertTrue(usage.at("/prompt_tokens_details/cached_tokens").asInt() > 0, usage.toString());
    }

    @Test
    void answersWithParallelToolCalls() {
        replay(OPENAI, "openai-chat", "tool_calls_parallel_nonstream.response.json");

        JsonNode choice = complete("""
                {"model": "default", "messages": %s, "parallel_tool_calls": true, "tool_choice": "auto",
                 "tools": [%s, %s, %s]}
                """.formatted(HELLO, tool("parallel_local_search_one"), tool("parallel_local_search_two"),
                tool("parallel_local_search_three"))).at("/choices/0");

        assertEquals("tool_calls", choice.get("finish_reason").asText());
        JsonNode calls = choice.at("/message/tool_calls");
        assertEquals(3, calls.size());
        assertEquals("parallel_local_search_two", calls.at("/1/function/name").asText());
        assertEquals("latest Anthropic model release notes",
                SseBody.json(calls.at("/1/function/arguments").asText()).get("query").asText());
        JsonNode sent = onlyRequest().json();
        assertEquals(3, sent.get("tools").size());
        assertEquals("auto", sent.get("tool_choice").asText());
        assertTrue(sent.get("parallel_tool_calls").asBoolean());
    }

    @Test
    void sendsToolResultsBackToTheProvider() {
        replay(ANTHROPIC, "anthropic", "tool_result_followup_nonstream.response.json");

        complete("""
                {"model": "claude", "messages": [{"role": "user", "content": "Weather in Paris?"},
                  {"role": "assistant", "content": null, "tool_calls": [{"id": "toolu_1", "type": "function",
                    "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}}]},
                  {"role": "tool", "tool_call_id": "toolu_1", "content": "18 degrees, sunny"}],
                 "tools": [%s]}
                """.formatted(tool("get_weather")));

        JsonNode messages = onlyRequest().json().get("messages");
        assertEquals("tool_use", messages.at("/1/content/0/type").asText());
        assertEquals("Paris", messages.at("/1/content/0/input/city").asText());
        assertEquals("tool_result", messages.at("/2/content/0/type").asText());
        assertEquals("toolu_1", messages.at("/2/content/0/tool_use_id").asText());
    }

    @Test
    void streamsParallelToolCallsAsIndexedDeltas() {
        replay(OPENAI, "openai-chat", "tool_calls_stream_parallel.response.sse");

        RecordedToolCallStreams.assertOpenAiParallelCalls(
                stream("{\"model\": \"default\", \"stream\": true, \"messages\": " + HELLO + "}"));
    }

    @Test
    void streamsAnthropicToolCallsNumberedFromZero() {
        replay(ANTHROPIC, "anthropic", "tool_use_stream.response.sse");

        RecordedToolCallStreams.assertAnthropicCallNumberedFromZero(
                stream("{\"model\": \"claude\", \"stream\": true, \"messages\": " + HELLO + "}"));
    }

    @Test
    void answersInAJsonSchemaWithAnOpenAiModel() {
        replay(OPENAI, "openai-chat", "structured_output_json_schema.response.json");

        JsonNode completion = complete("""
                {"model": "default", "messages": %s, "response_format": {"type": "json_schema", "json_schema": {
                  "name": "capital", "strict": true, "schema": {"type": "object", "properties": {
                    "answer": {"type": "string"}, "confidence": {"type": "number"}},
                    "required": ["answer", "confidence"], "additionalProperties": false}}}}
                """.formatted(HELLO));

        JsonNode answer = SseBody.json(completion.at("/choices/0/message/content").asText());
        assertEquals("Paris", answer.get("answer").asText());
        JsonNode format = onlyRequest().json().get("response_format");
        assertEquals("json_schema", format.get("type").asText());
        assertEquals("capital", format.at("/json_schema/name").asText());
        assertTrue(format.at("/json_schema/strict").asBoolean());
    }

    @Test
    void answersInAJsonSchemaWithAnAnthropicModel() {
        replay(ANTHROPIC, "anthropic", "tool_use_nonstream.response.json");

        JsonNode completion = complete("""
                {"model": "claude", "messages": %s, "response_format": {"type": "json_schema", "json_schema": {
                  "name": "get_weather", "schema": {"type": "object", "properties": {"location": {"type": "string"}}}}}}
                """.formatted(HELLO));

        JsonNode choice = completion.at("/choices/0");
        assertEquals("Tokyo", SseBody.json(choice.at("/message/content").asText()).get("location").asText());
        assertTrue(choice.at("/message/tool_calls").isMissingNode());
        assertEquals("stop", choice.get("finish_reason").asText());
        JsonNode sent = onlyRequest().json();
        assertEquals("get_weather", sent.at("/tools/0/name").asText());
        assertEquals("tool", sent.at("/tool_choice/type").asText());
    }

    @Test
    void rejectsAnUnknownModel() {
        JsonNode error = error(post("{\"model\": \"gpt-4o\", \"messages\": " + HELLO + "}"), 404);

        assertEquals("model_not_found", error.get("code").asText());
        assertEquals("model", error.get("param").asText());
        assertTrue(standIn.requests().isEmpty());
    }

    @Test
    void aRequestCannotConfigureTheModelProviderKeyOrBaseUrl() {
        replay(OPENAI, "openai-chat", "text_nonstream.response.json");

        complete("""
                {"model": "default", "messages": %s,
                 "configurable": {"model": "anthropic:claude-sonnet-4-5", "model_provider": "anthropic",
                                  "api_key": "sk-stolen", "base_url": "http://evil.invalid/v1"},
                 "model_provider": "anthropic", "api_key": "sk-stolen", "base_url": "http://evil.invalid/v1"}
                """.formatted(HELLO));

        RecordedRequest sent = onlyRequest();
        assertEquals(OPENAI, sent.path());
        assertEquals("Bearer " + OPENAI_KEY, sent.header("authorization"));
        assertEquals("gpt-4o-mini", sent.json().get("model").asText());
        assertTrue(sent.json().path("configurable").isMissingNode());
        JsonNode error = error(post("{\"model\": \"anthropic:claude-sonnet-4-5\", \"messages\": " + HELLO + "}"), 404);
        assertEquals("model_not_found", error.get("code").asText());
        assertEquals(1, standIn.requests().size());
    }

    @Test
    void rejectsInvalidJson() {
        JsonNode error = error(post("{\"model\": \"default\", "), 400);
        assertEquals("invalid_json", error.get("code").asText());
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        JsonNode error = error(post("{\"model\": \"default\", \"messages\": " + HELLO + ", \"temperature\": \"warm\"}"), 400);
        assertEquals("temperature", error.get("param").asText());
        assertEquals("invalid_type", error.get("code").asText());
    }

    @Test
    void rejectsEmptyMessages() {
        JsonNode error = error(post("{\"model\": \"default\", \"messages\": []}"), 400);
        assertEquals("messages", error.get("param").asText());
    }

    @Test
    void rejectsUnknownRoles() {
        JsonNode error = error(post("{\"model\": \"default\", \"messages\": [{\"role\": \"narrator\", \"content\": \"x\"}]}"),
                400);
        assertEquals("messages[0].role", error.get("param").asText());
        assertTrue(error.get("message").asText().contains("'narrator'"));
    }

    @Test
    void rejectsTooManyMessages() {
        String messages = String.join(",",
                java.util.Collections.nCopies(StandInModels.MAX_MESSAGES + 1, "{\"role\": \"user\", \"content\": \"x\"}"));
        JsonNode error = error(post("{\"model\": \"default\", \"messages\": [" + messages + "]}"), 400);
        assertEquals("too_many_messages", error.get("code").asText());
    }

    @Test
    void rejectsABodyOverTheLimit() {
        JsonNode error = error(post(RequestBodies.OVER_THE_LIMIT), 413);
        assertEquals("request_too_large", error.get("code").asText());
        assertTrue(standIn.requests().isEmpty());
    }

    @Test
    void readsBodiesOnBothSidesOfTheOldTenKibLimit() {
        replay(OPENAI, "openai-chat", "text_nonstream.response.json");

        for (int size : new int[] { 10_240, 10_241 }) {
            String body = RequestBodies.ofSize(size);
            complete(body);
            assertEquals(RequestBodies.content(body), standIn.requests().get(standIn.requests().size() - 1).json()
                    .at("/messages/0/content").asText(), "body of " + size + " bytes");
        }
    }

    @Test
    void readsBodiesOfOneAndFourMegabytes() {
        replay(OPENAI, "openai-chat", "text_nonstream.response.json");

        for (String body : List.of(RequestBodies.ONE_MB, RequestBodies.AT_THE_LIMIT)) {
            standIn.reset();
            replay(OPENAI, "openai-chat", "text_nonstream.response.json");
            complete(body);
            assertEquals(RequestBodies.content(body).length(),
                    onlyRequest().json().at("/messages/0/content").asText().length());
        }
    }

    @Test
    void rejectsAnEmptyBodySayingWhatToSend() {
        Response response = given().contentType(ContentType.JSON).body(new byte[0]).post("/v1/chat/completions");

        JsonNode error = error(response, 400);
        assertEquals("invalid_json", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("'model' and 'messages'"), error.toString());
    }

    @Test
    void rejectsBodiesThatAreNotJsonWithoutReadingThem() {
        String json = "{\"model\": \"default\", \"messages\": " + HELLO + "}";
        for (String type : List.of("multipart/form-data", "application/x-www-form-urlencoded", "text/plain")) {
            Response response = given()
                    .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                            .encodeContentTypeAs(type, ContentType.TEXT)))
                    .contentType(type).body(json).post("/v1/chat/completions");

            assertEquals("unsupported_media_type", error(response, 415).get("code").asText(), type);
        }
        assertTrue(standIn.requests().isEmpty());
    }

    @Test
    void neverAnswersMutatedRequestsWithA5xx() {
        replay(OPENAI, "openai-chat", "text_nonstream.response.json");
        replay(ANTHROPIC, "anthropic", "text_nonstream.response.json");

        MutatedRequests mutations = new MutatedRequests(20261207L, "{\"model\": \"default\", \"messages\": [{\"role\":"
                + " \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": [{\"type\": \"text\","
                + " \"text\": \"Hi\"}]}], \"temperature\": 0.5, \"max_tokens\": 100, \"stop\": [\"END\"], \"tools\": ["
                + tool("lookup") + "], \"tool_choice\": \"auto\", \"response_format\": {\"type\": \"json_object\"}}");
        for (int i = 0; i < MutatedRequests.COUNT; i++) {
            byte[] body = mutations.next();
            Response response = given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions");

            assertTrue(response.statusCode() < 500, "request " + i + " got " + response.statusCode() + ": "
                    + new String(body, StandardCharsets.UTF_8) + " -> " + response.asString());
            if (response.statusCode() != 200) {
                error(response, response.statusCode());
            }
        }
    }

    @Test
    void answersUnknownPathsWithAnOpenAiErrorAndNoStackTrace() {
        Response response = given().get("/v1/nothing-here");
        JsonNode error = error(response, 404);
        assertFalse(response.asString().contains("at dev.chatmodels"), response.asString());
        assertFalse(error.get("message").asText().isBlank());
    }

    @Test
    void passesAProviderRateLimitOnWithItsRetryAfter() {
        replay(ANTHROPIC, "anthropic", "error_429_rate_limit_with_headers.response.json");

        Response response = post("{\"model\": \"claude\", \"messages\": " + HELLO + "}");

        JsonNode error = error(response, 429);
        assertEquals("4", response.header("retry-after"));
        assertEquals(ApiError.RATE_LIMIT, error.get("type").asText());
    }

    @Test
    void turnsTheProvidersCredentialErrorIntoA502WithoutSecrets() {
        replay(OPENAI, "openai-chat", "error_401_invalid_api_key.response.json");

        Response response = post("{\"model\": \"default\", \"messages\": " + HELLO + "}");

        JsonNode error = error(response, 502);
        assertEquals("provider_authentication_failed", error.get("code").asText());
        assertFalse(response.asString().contains("sk-"), response.asString());
        assertFalse(response.asString().contains(OPENAI_KEY), response.asString());
    }

    @Test
    void turnsProviderOutagesInto503And502() {
        replay(ANTHROPIC, "anthropic", "error_529_overloaded.response.json");
        error(post("{\"model\": \"claude\", \"messages\": " + HELLO + "}"), 503);

        standIn.enqueue(OPENAI, Reply.json(500, "{\"error\": {\"message\": \"boom\", \"type\": \"server_error\"}}"));
        error(post("{\"model\": \"default\", \"messages\": " + HELLO + "}"), 502);
    }

    @Test
    void failsAStreamWhoseProviderFailsBeforeAnyOutputWithAnHttpError() {
        replay(ANTHROPIC, "anthropic", "stream_error_event_overloaded.response.sse");

        Response response = post("{\"model\": \"claude\", \"stream\": true, \"messages\": " + HELLO + "}");

        assertEquals("provider_overloaded", error(response, 503).get("code").asText());
    }

    @Test
    void endsAStreamThatBreaksMidwayWithAnErrorEvent() {
        standIn.enqueue(OPENAI, Reply.sseThenReset(Fixtures.read("openai-chat", "text_stream_include_usage_2.response.sse"),
                4));

        Response response = post("{\"model\": \"default\", \"stream\": true, \"messages\": " + HELLO + "}");

        response.then().statusCode(200);
        SseBody sse = SseBody.parse(response.asString());
        assertFalse(sse.done());
        JsonNode last = SseBody.json(sse.data().get(sse.data().size() - 1));
        assertEquals(ApiError.SERVER, last.at("/error/type").asText());
        assertFalse(sse.text().isEmpty());
    }

    @Test
    void turnsMalformedProviderAnswersIntoA502ThatSaysSo() {
        for (String body : List.of("", "{}", "null", "[]", "\"text\"", "{\"choices\": null}", "{\"choices\": []}",
                "{\"choices\": \"none\"}", "{\"choices\": [{\"index\": 0, \"message\": 5}]}")) {
            answerOnce(OPENAI, Reply.json(200, body));
            assertMalformed(post("{\"model\": \"default\", \"messages\": " + HELLO + "}"), body);
        }
        answerOnce(OPENAI, Reply.json(204, ""));
        assertMalformed(post("{\"model\": \"default\", \"messages\": " + HELLO + "}"), "204");
        answerOnce(ANTHROPIC, Reply.json(200, "{\"type\": \"message\", \"role\": \"assistant\", \"content\": null}"));
        assertMalformed(post("{\"model\": \"claude\", \"messages\": " + HELLO + "}"), "content null");
        answerOnce(OPENAI, Reply.sse("data: 5\n\n"));
        assertMalformed(post("{\"model\": \"default\", \"stream\": true, \"messages\": " + HELLO + "}"), "data: 5");
    }

    @Test
    void tellsAStreamThatEndsBeforeItsLastEventFromAnUnreachableProvider() {
        String recorded = Fixtures.read("openai-chat", "text_stream_include_usage_2.response.sse");
        standIn.enqueue(OPENAI, Reply.sse(recorded.substring(0, recorded.indexOf("data: [DONE]"))));

        Response response = post("{\"model\": \"default\", \"stream\": true, \"messages\": " + HELLO + "}");

        response.then().statusCode(200);
        SseBody sse = SseBody.parse(response.asString());
        assertFalse(sse.done());
        JsonNode last = SseBody.json(sse.data().get(sse.data().size() - 1));
        assertEquals("provider_incomplete_response", last.at("/error/code").asText(), response.asString());
        assertTrue(last.at("/error/message").asText().contains("ended its answer early"), response.asString());
    }

    /** The next call to {@code path}, and only that one, gets {@code reply}. */
    private void answerOnce(String path, Reply reply) {
        standIn.reset();
        standIn.enqueue(path, reply);
    }

    private static void assertMalformed(Response response, String what) {
        JsonNode error = error(response, 502);
        assertEquals("provider_invalid_response", error.get("code").asText(), what);
        assertTrue(error.get("message").asText().contains("malformed answer"), what + ": " + response.asString());
    }

    /** The error body of a response with {@code status}, checked to be OpenAI's error shape. */
    public static JsonNode error(Response response, int status) {
        response.then().statusCode(status).contentType(ContentType.JSON);
        JsonNode error = SseBody.json(response.asString()).get("error");
        assertTrue(error.has("message") && error.has("type") && error.has("param") && error.has("code"),
                response.asString());
        return error;
    }

    protected static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions");
    }

    protected static JsonNode complete(String body) {
        return SseBody.json(post(body).then().statusCode(200).contentType(ContentType.JSON).extract().asString());
    }

    protected static List<JsonNode> stream(String body) {
        SseBody sse = SseBody.parse(post(body).then().statusCode(200).extract().asString());
        assertTrue(sse.done());
        return sse.chunks();
    }

    /** The next calls to {@code path} answer with the recorded fixtures, in order: status, headers and body. */
    protected void replay(String path, String provider, String... fixtureFiles) {
        for (String file : fixtureFiles) {
            standIn.enqueue(path, Reply.fromFixture(provider, file));
        }
    }

    protected RecordedRequest onlyRequest() {
        assertEquals(1, standIn.requests().size(), standIn.requests().toString());
        return standIn.requests().get(0);
    }

    protected static String tool(String name) {
        return "{\"type\": \"function\", \"function\": {\"name\": \"" + name
                + "\", \"parameters\": {\"type\": \"object\", \"properties\": {\"query\": {\"type\": \"string\"}}}}}";
    }

    private static String systemText(JsonNode anthropicBody) {
        JsonNode system = anthropicBody.get("system");
        return system.isTextual() ? system.asText() : system.at("/0/text").asText();
    }
}
