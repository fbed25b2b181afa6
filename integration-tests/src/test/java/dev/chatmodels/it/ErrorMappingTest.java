package dev.chatmodels.it;

import static dev.chatmodels.it.ProviderStandInResource.ANTHROPIC_KEY;
import static dev.chatmodels.it.ProviderStandInResource.OPENAI_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.chatmodels.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Recorded provider errors reach the app as typed exceptions with the provider's status, error type and request id,
 * and nothing the app shows holds an API key.
 */
@QuarkusTest
@WithTestResource(ProviderStandInResource.class)
class ErrorMappingTest extends ChatAppTest {

    @ParameterizedTest(name = "{1}/{2}")
    @CsvSource(nullValues = "-", value = {
            "default, openai-chat, error_429_rate_limit_exceeded, RateLimitException,     429, tokens,                -",
            "default, openai-chat, error_429_insufficient_quota,  QuotaExceededException, 429, insufficient_quota,    -",
            "default, openai-chat, error_401_invalid_api_key,     AuthenticationException, 401, invalid_request_error, -",
            "default, openai-chat, error_400_unsupported_parameter, InvalidRequestException, 400, invalid_request_error, req_7be4715c3ee32aa406eacb68c7cc966e",
            "claude,  anthropic,   error_429_rate_limit_with_headers, RateLimitException, 429, rate_limit_error,      req_....",
            "claude,  anthropic,   error_401_authentication,      AuthenticationException, 401, authentication_error, -",
            "claude,  anthropic,   error_400_invalid_request,     InvalidRequestException, 400, invalid_request_error, req_011Ca7jT9AHpgXgdv8igm4z9",
            "claude,  anthropic,   error_529_overloaded,          ProviderServerException, 529, overloaded_error,     -"
    })
    void mapsRecordedErrorsToTypedExceptions(String model, String provider, String scenario, String exception, int status,
            String type, String requestId) {
        String path = model.equals("claude") ? ANTHROPIC : OPENAI;
        replay(path, provider, scenario + ".response.json");

        JsonPath error = failedCall(postPrompt("/chat/" + model + "/invoke", "Hello"));

        assertEquals(exception, error.getString("exception"));
        assertEquals(status, error.getInt("status"));
        assertEquals(type, error.getString("type"));
        assertEquals(requestId, error.getString("requestId"));
        assertEquals(1, standIn.requestCount(path), "no retry: quarkus.chat-models.*.max-retries=0");
    }

    @Test
    void carriesTheRetryDelayTheProviderAskedFor() {
        replay(ANTHROPIC, "anthropic", "error_429_rate_limit_with_headers.response.json");

        JsonPath error = failedCall(postPrompt("/chat/claude/invoke", "Hello"));

        assertEquals(4000, error.getLong("retryAfterMillis"), "the recording's retry-after: 4");
        assertEquals(true, error.getBoolean("retryable"));
    }

    @Test
    void mapsAnErrorEventInTheMiddleOfAStream() {
        replay(ANTHROPIC, "anthropic", "stream_error_event_overloaded.response.sse");

        JsonPath error = failedCall(postPrompt("/chat/claude/stream/collected", "Hello"));

        assertEquals("ProviderServerException", error.getString("exception"));
        assertEquals("overloaded_error", error.getString("type"));
        assertEquals(200, error.getInt("status"), "an error event arrives on a 200 stream");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "default | 200 | ''", "default | 204 | ''", "default | 200 | {}", "default | 200 | null",
            "default | 200 | []", "default | 200 | '{\"choices\": null}'", "default | 200 | '{\"choices\": []}'",
            "default | 200 | '{\"choices\": \"none\"}'", "default | 200 | '{\"choices\": [{\"message\": 5}]}'",
            "claude  | 200 | '{\"type\": \"message\", \"content\": null}'"
    })
    void answersOfTheWrongShapeAreInvalidResponsesNotEmptyAnswers(String model, int status, String body) {
        String path = model.equals("claude") ? ANTHROPIC : OPENAI;
        standIn.enqueue(path, Reply.json(status, body));

        JsonPath error = failedCall(postPrompt("/chat/" + model + "/invoke", "Hello"));

        assertEquals("ProviderServerException", error.getString("exception"));
        assertEquals("invalid_response", error.getString("type"));
        assertEquals(true, error.getBoolean("retryable"));
    }

    @Test
    void aStreamEndingBeforeItsFinalEventIsAnIncompleteResponse() {
        standIn.enqueue(OPENAI, Reply.sse(": keep-alive\n\n"));

        JsonPath error = failedCall(postPrompt("/chat/default/stream/collected", "Hello"));

        assertEquals("ProviderServerException", error.getString("exception"));
        assertEquals("incomplete_response", error.getString("type"));
    }

    @Test
    void sendsTheKeyButNeverShowsIt() {
        replay(OPENAI, "openai-chat", "error_401_invalid_api_key.response.json");
        replay(ANTHROPIC, "anthropic", "error_401_authentication.response.json");

        failedCall(postPrompt("/chat/default/invoke", "Hello"));
        failedCall(postPrompt("/chat/claude/invoke", "Hello"));

        assertEquals("Bearer " + OPENAI_KEY, standIn.requests().get(0).header("authorization"));
        assertEquals(ANTHROPIC_KEY, standIn.requests().get(1).header("x-api-key"));
    }

    /** The app's 502 answer for a failed model call, checked for API keys. */
    private static JsonPath failedCall(Response response) {
        String body = response.then().statusCode(502).extract().asString();
        assertFalse(body.contains(OPENAI_KEY), "the OpenAI API key leaked: " + body);
        assertFalse(body.contains(ANTHROPIC_KEY), "the Anthropic API key leaked: " + body);
        assertFalse(body.contains("test-key"), "part of an API key leaked: " + body);
        return JsonPath.from(body);
    }
}
