package dev.chatmodels.it;

import static dev.chatmodels.it.ProviderStandInResource.AWS_ACCESS_KEY;
import static dev.chatmodels.it.ProviderStandInResource.AWS_REGION;
import static dev.chatmodels.it.ProviderStandInResource.AWS_SECRET_KEY;
import static dev.chatmodels.it.ProviderStandInResource.AWS_SESSION_TOKEN;
import static dev.chatmodels.it.ProviderStandInResource.BEDROCK;
import static dev.chatmodels.it.ProviderStandInResource.BEDROCK_OTHER_ACCOUNT;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.testing.EventStreamFrames;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.testing.RecordedRequest;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.testing.SigV4Verifier;
import dev.chatmodels.testing.SseFixtures;
import dev.chatmodels.transport.StreamEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The configured Bedrock model end to end: SigV4-signed requests (the stand-in recomputes each signature with the test
 * credentials and answers 403 to a wrong one) under a base-url override, recorded Converse answers, the binary event
 * stream relayed as server-sent events, and Bedrock's errors as typed exceptions.
 */
@QuarkusTest
@WithTestResource(ProviderStandInResource.class)
class BedrockTest extends ChatAppTest {

    static final String MODEL_PATH = "/model/us.amazon.nova-micro-v1%3A0";
    static final String CONVERSE = BEDROCK + MODEL_PATH + "/converse";
    static final String CONVERSE_STREAM = BEDROCK + MODEL_PATH + "/converse-stream";

    @Test
    void invokesWithASignatureTheStandInVerifies() {
        replay(CONVERSE, "bedrock", "converse_text.response.json");

        JsonPath answer = postPrompt("/chat/nova/invoke", "Hello!").then().statusCode(200).extract().jsonPath();

        assertEquals(Fixtures.json("bedrock", "converse_text.response.json").at("/output/message/content/0/text").asText(),
                answer.getString("text"));
        assertUsage(answer, "usage", 7, 30, 37);
        assertEquals("stop", answer.getString("finishReason"));
        assertEquals("end_turn", answer.getString("metadata.provider_finish_reason"));
        RecordedRequest request = onlyRequest();
        assertEquals(CONVERSE, request.path());
        assertNull(new SigV4Verifier(AWS_ACCESS_KEY, AWS_SECRET_KEY, AWS_REGION, "bedrock").problem(request.method(),
                request.path(), request.headers(), request.body().getBytes(StandardCharsets.UTF_8)));
        assertTrue(request.header("authorization").startsWith("AWS4-HMAC-SHA256 Credential=" + AWS_ACCESS_KEY + "/"),
                request.header("authorization"));
        assertEquals(AWS_SESSION_TOKEN, request.header("x-amz-security-token"));
        assertEquals(RecordedJson.parse("[{\"role\": \"user\", \"content\": [{\"text\": \"Hello!\"}]}]"),
                request.json().get("messages"));
    }

    @Test
    void relaysTheBinaryEventStreamAsServerSentEvents() {
        replay(CONVERSE_STREAM, "bedrock", "converse_stream_text.response.eventstream");

        String body = given().contentType(ContentType.TEXT).accept("text/event-stream").body("Hi")
                .post("/chat/nova/stream")
                .then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();

        List<StreamEvent> events = SseFixtures.parse(body);
        StringBuilder text = new StringBuilder();
        long input = 0;
        long output = 0;
        for (StreamEvent event : events) {
            JsonNode chunk = RecordedJson.parse(event.data());
            text.append(chunk.path("text").asText());
            input += chunk.at("/usage/inputTokens").asLong();
            output += chunk.at("/usage/outputTokens").asLong();
        }
        assertEquals(recordedStreamText("converse_stream_text"), text.toString());
        assertEquals(13, input);
        assertEquals(82, output);
        assertEquals("application/vnd.amazon.eventstream", onlyRequest().header("accept"));
    }

    @Test
    void streamsReasoningWithItsSignature() {
        replay(CONVERSE_STREAM, "bedrock", "converse_stream_reasoning.response.eventstream");

        JsonPath answer = postPrompt("/chat/nova/stream/collected", "Hello").then().statusCode(200).extract().jsonPath();

        assertEquals("Hello! It's nice to meet you. How can I help you today?", answer.getString("text"));
        assertTrue(answer.getString("reasoning").startsWith("The user has greeted me"), answer.getString("reasoning"));
        assertEquals("stop", answer.getString("finishReason"));
    }

    /** After {@code messageStart}, before any text: the throttling reaches the caller as itself. */
    @Test
    void mapsAnExceptionFrameInAStream() {
        byte[] recorded = Fixtures.bytes("bedrock", "converse_stream_text.response.eventstream");
        standIn.enqueue(CONVERSE_STREAM, Reply.eventStream(EventStreamFrames.concat(
                EventStreamFrames.firstFrames(recorded, 1),
                EventStreamFrames.exception("throttlingException", "{\"message\":\"Too many tokens, please wait.\"}"))));

        JsonPath error = failedCall(postPrompt("/chat/nova/stream/collected", "Hello"));

        assertEquals("RateLimitException", error.getString("exception"));
        assertEquals("ThrottlingException", error.getString("type"));
        assertEquals(200, error.getInt("status"), "an exception frame arrives on a 200 stream");
        assertEquals(true, error.getBoolean("retryable"));
    }

    @Test
    void mapsAnHttpErrorByItsErrorType() {
        standIn.enqueue(CONVERSE, Reply.json(400, Fixtures.read("bedrock", "error_400_invalid_model.response.json"))
                .header("x-amzn-errortype", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/")
                .header("x-amzn-requestid", "4b2f3a6e-0000-4000-8000-000000000001"));

        JsonPath error = failedCall(postPrompt("/chat/nova/invoke", "Hello"));

        assertEquals("InvalidRequestException", error.getString("exception"));
        assertEquals("ValidationException", error.getString("type"));
        assertEquals("4b2f3a6e-0000-4000-8000-000000000001", error.getString("requestId"));
        assertTrue(error.getString("message").contains("The provided model identifier is invalid."));
    }

    @Test
    void aWrongSignatureIsRejectedAsAnAuthenticationError() {
        replay(BEDROCK_OTHER_ACCOUNT + MODEL_PATH + "/converse", "bedrock", "converse_text.response.json");

        JsonPath error = failedCall(postPrompt("/chat/nova-other-account/invoke", "Hello"));

        assertEquals("AuthenticationException", error.getString("exception"));
        assertEquals("InvalidSignatureException", error.getString("type"));
        assertEquals(403, error.getInt("status"));
    }

    private static String recordedStreamText(String scenario) {
        StringBuilder text = new StringBuilder();
        for (JsonNode frame : Fixtures.json("bedrock", scenario + ".response.events.json")) {
            text.append(frame.at("/payload/delta/text").asText(""));
        }
        return text.toString();
    }

    /** The app's 502 answer for a failed model call, checked for the AWS secrets. */
    private static JsonPath failedCall(Response response) {
        String body = response.then().statusCode(502).extract().asString();
        assertFalse(body.contains(AWS_SECRET_KEY), "the AWS secret key leaked: " + body);
        assertFalse(body.contains(AWS_SESSION_TOKEN), "the AWS session token leaked: " + body);
        return JsonPath.from(body);
    }
}
