package dev.chatmodels.functions.testing;

import static dev.chatmodels.functions.testing.KeyEchoModels.GATEWAY_KEY;
import static dev.chatmodels.functions.testing.KeyEchoModels.GATEWAY_TOKEN;
import static dev.chatmodels.functions.testing.KeyEchoModels.SK_KEY;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.Reply;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A provider (or a gateway before it) that echoes the key it was sent, in error answers, in an error inside a 200 and
 * in a streamed error event: neither the client of the function nor its log ever sees the key or a fragment of it,
 * whatever its format. Subclasses are {@code @QuarkusTest}s of each app with {@link KeyEchoModels}.
 */
public abstract class KeyEchoTest {

    protected static final String PATH = "/v1/chat/completions";
    private static final String HELLO = "[{\"role\": \"user\", \"content\": \"Hello\"}]";

    @StandIn
    protected ProviderStandIn standIn;

    @BeforeEach
    void forgetEarlierCalls() {
        standIn.reset();
    }

    /** What a provider that echoes the credentials of model {@code model} says. */
    protected static String echo(String model) {
        return "sk".equals(model) ? "Incorrect API key provided: " + SK_KEY + " (sk-proj-****Ij90)"
                : "Key " + GATEWAY_KEY + " with gateway token " + GATEWAY_TOKEN + " is not valid here (gw9f****2e1d)";
    }

    protected static String errorBody(String model) {
        return errorBody(model, "invalid_request_error");
    }

    protected static String errorBody(String model, String type) {
        return "{\"error\": {\"message\": \"" + echo(model) + "\", \"type\": \"" + type + "\", \"code\": null}}";
    }

    @Test
    void errorAnswersEchoingTheKeyReachTheClientRedacted() {
        for (String model : List.of("default", "sk")) {
            for (int status : List.of(400, 422, 429, 500, 503)) {
                standIn.reset(); // the stand-in's last reply keeps answering
                String type = status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
                standIn.enqueue(PATH, Reply.json(status, errorBody(model, type)), Reply.json(status, errorBody(model, type)));

                Response plain = post("{\"model\": \"" + model + "\", \"messages\": " + HELLO + "}");
                Response streamed = post("{\"model\": \"" + model + "\", \"stream\": true, \"messages\": " + HELLO + "}");

                for (Response response : List.of(plain, streamed)) {
                    assertEquals(status == 400 || status == 422 ? 400 : status == 500 ? 502 : status, response.statusCode(),
                            response.asString());
                    assertNoSecret(response.asString());
                    assertTrue(response.asString().contains("[redacted]"), response.asString());
                }
            }
        }
        assertLogHasNoSecret("[default] HTTP 503 body=");
    }

    @Test
    void anErrorInsideA200ReachesTheClientRedacted() {
        standIn.enqueue(PATH, Reply.json(200, errorBody("default")));

        Response response = post("{\"model\": \"default\", \"messages\": " + HELLO + "}");

        assertTrue(response.statusCode() >= 400, response.asString());
        assertNoSecret(response.asString());
        assertLogHasNoSecret("[default] HTTP 200 body=");
    }

    @Test
    void aStreamedErrorEventReachesTheClientRedacted() {
        String chunk = "data: {\"id\": \"c1\", \"object\": \"chat.completion.chunk\", \"created\": 1, \"model\": "
                + "\"gpt-4o-mini\", \"choices\": [{\"index\": 0, \"delta\": {\"role\": \"assistant\", \"content\": \"Hel\"},"
                + " \"finish_reason\": null}]}\n\n";
        String errorEvent = "data: " + errorBody("default") + "\n\n";
        standIn.enqueue(PATH, Reply.sse(chunk + errorEvent), Reply.sse(errorEvent));

        Response afterOutput = post("{\"model\": \"default\", \"stream\": true, \"messages\": " + HELLO + "}");
        Response beforeOutput = post("{\"model\": \"default\", \"stream\": true, \"messages\": " + HELLO + "}");

        afterOutput.then().statusCode(200);
        SseBody sse = SseBody.parse(afterOutput.asString());
        assertEquals("Hel", sse.text());
        assertTrue(SseBody.json(sse.data().get(sse.data().size() - 1)).has("error"), afterOutput.asString());
        assertNoSecret(afterOutput.asString());
        assertEquals(400, beforeOutput.statusCode(), beforeOutput.asString());
        assertNoSecret(beforeOutput.asString());
        assertLogHasNoSecret("[default] event=null data={\"error\"");
    }

    /**
     * Google's recorded {@code API_KEY_INVALID} answer (an HTTP 400), as a gateway that echoes the key would change it:
     * with the key in its message, for a call and for a stream. The client learns the credentials were rejected; the
     * log has the body, redacted.
     */
    @Test
    void aGeminiErrorEchoingTheKeyReachesTheClientRedacted() {
        String body = Fixtures.read("gemini", "error_400_api_key_invalid.response.json")
                .replace("API key not valid.", "API key " + KeyEchoModels.GOOGLE_KEY + " not valid.");
        standIn.enqueue("/v1/models/gemini-2.0-flash:generateContent", Reply.json(400, body));
        standIn.enqueue("/v1/models/gemini-2.0-flash:streamGenerateContent", Reply.json(400, body));

        Response plain = post("{\"model\": \"gemini\", \"messages\": " + HELLO + "}");
        Response streamed = post("{\"model\": \"gemini\", \"stream\": true, \"messages\": " + HELLO + "}");

        for (Response response : List.of(plain, streamed)) {
            assertTrue(response.statusCode() >= 400, response.asString());
            assertNoSecret(response.asString());
            assertTrue(response.asString().contains("provider_authentication_failed"), response.asString());
        }
        assertEquals(KeyEchoModels.GOOGLE_KEY, standIn.requests().get(0).header("x-goog-api-key"));
        assertLogHasNoSecret("[gemini] HTTP 400 body=");
    }

    @Test
    void aHugeAnswerIsLoggedCutToTheLimit() {
        String text = "x".repeat(1 << 20);
        standIn.enqueue(PATH, Reply.json(200, "{\"id\": \"c2\", \"object\": \"chat.completion\", \"created\": 1, \"model\": "
                + "\"gpt-4o-mini\", \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \""
                + text + "\"}, \"finish_reason\": \"stop\"}]}"));

        JsonNode completion = SseBody.json(post("{\"model\": \"sk\", \"messages\": " + HELLO + "}").then().statusCode(200)
                .extract().asString());

        assertEquals(text, completion.at("/choices/0/message/content").asText());
        String logged = log().lines().filter(line -> line.contains("[sk] HTTP 200 body=")).findFirst().orElseThrow();
        assertTrue(logged.contains("… [cut "), logged);
        assertTrue(logged.length() < 4096 + 300, () -> "a line of " + logged.length() + " characters");
    }

    /** Fails when the text holds a secret or a fragment of one long enough to be redacted. */
    protected static void assertNoSecret(String text) {
        for (String secret : KeyEchoModels.SECRETS) {
            for (int start = 0; start + SecretRedactor.MIN_FRAGMENT <= secret.length(); start++) {
                String fragment = secret.substring(start, start + SecretRedactor.MIN_FRAGMENT);
                assertFalse(text.contains(fragment), () -> "'" + fragment + "' of a secret in: " + text);
            }
        }
    }

    /** Checks the app's log has no secret, and does log what a test caused: a line with {@code expected}. */
    protected static void assertLogHasNoSecret(String expected) {
        String log = log();
        assertTrue(log.contains(expected), () -> "no '" + expected + "' in the log:\n" + log);
        assertNoSecret(log);
    }

    private static String log() {
        try {
            return Files.readString(KeyEchoModels.LOG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static Response post(String body) {
        return given().header("Authorization", "Bearer " + KeyEchoModels.CLIENT_KEY).contentType(ContentType.JSON)
                .body(body).post(PATH);
    }
}
