package dev.chatmodels.functions.knative;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.functions.testing.RawHttp;
import dev.chatmodels.functions.testing.RequestBodies;
import dev.chatmodels.functions.testing.SseBody;
import dev.chatmodels.functions.testing.StandIn;
import dev.chatmodels.functions.testing.StandInModels;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;

/** Chat over CloudEvents, as a Knative broker or channel delivers them: binary and structured mode. */
@QuarkusTest
@WithTestResource(StandInModels.class)
class CloudEventsTest {

    private static final String REQUEST = "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}";

    @StandIn
    ProviderStandIn standIn;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void forgetEarlierCalls() {
        standIn.reset();
    }

    @Test
    void answersABinaryModeEventWithAResponseEvent() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        Response response = binaryEvent("event-1", REQUEST);

        response.then().statusCode(200);
        assertEquals(ChatEventFunction.RESPONSE_TYPE, response.header("ce-type"));
        assertEquals(ChatEventFunction.SOURCE, response.header("ce-source"));
        assertEquals("event-1", response.header("ce-subject"));
        assertEquals("1.0", response.header("ce-specversion"));
        assertFalse(response.header("ce-id").isBlank());
        JsonNode completion = SseBody.json(response.asString());
        assertEquals("chat.completion", completion.get("object").asText());
        assertEquals(Fixtures.json("openai-chat", "text_nonstream.response.json").at("/choices/0/message/content"),
                completion.at("/choices/0/message/content"));
        assertEquals("Hello", standIn.requests().get(0).json().at("/messages/0/content").asText());
    }

    @Test
    void answersAStructuredModeEventWithAStructuredResponseEvent() {
        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "text_nonstream.response.json"));

        Response response = given().contentType("application/cloudevents+json").body("""
                {"specversion": "1.0", "id": "event-2", "source": "/tests", "type": "dev.chatmodels.chat.request",
                 "datacontenttype": "application/json",
                 "data": {"model": "claude", "messages": [{"role": "user", "content": "Hello"}]}}
                """).post("/");

        response.then().statusCode(200);
        assertTrue(response.contentType().startsWith("application/cloudevents+json"), response.contentType());
        JsonNode event = SseBody.json(response.asString());
        assertEquals(ChatEventFunction.RESPONSE_TYPE, event.get("type").asText());
        assertEquals("event-2", event.get("subject").asText());
        assertEquals("stop", event.at("/data/choices/0/finish_reason").asText());
        assertEquals("Hello! It's nice to meet you. How are you doing today?",
                event.at("/data/choices/0/message/content").asText());
    }

    @Test
    void answersARequestThatCannotSucceedWithAnErrorEventSoItIsNotRedelivered() {
        Response response = binaryEvent("event-3", "{\"model\": \"nope\", \"messages\": []}");

        response.then().statusCode(200);
        assertEquals(ChatEventFunction.ERROR_TYPE, response.header("ce-type"));
        assertEquals("messages", SseBody.json(response.asString()).at("/error/param").asText());
    }

    @Test
    void refusesToStreamOverEvents() {
        Response response = binaryEvent("event-4", REQUEST.replace("{\"model\"", "{\"stream\": true, \"model\""));

        assertEquals(ChatEventFunction.ERROR_TYPE, response.header("ce-type"));
        assertEquals("stream", SseBody.json(response.asString()).at("/error/param").asText());
    }

    @Test
    void failsTheDeliveryWhenTheProviderAsksToRetryLater() {
        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "error_429_rate_limit_with_headers.response.json"));

        Response response = binaryEvent("event-5", REQUEST.replace("default", "claude"));

        response.then().statusCode(429);
        assertEquals("4", response.header("retry-after"));
        assertEquals("rate_limit_error", SseBody.json(response.asString()).at("/error/type").asText());
    }

    @Test
    void answersMalformedStructuredModeJsonWithAnErrorEvent() {
        Response response = given().contentType("application/cloudevents+json")
                .body("{\"specversion\": \"1.0\", \"id\": \"event-6\", \"data\": {\"model\": ").post("/");

        response.then().statusCode(200);
        assertTrue(response.contentType().startsWith("application/cloudevents+json"), response.contentType());
        JsonNode event = SseBody.json(response.asString());
        assertEquals(ChatEventFunction.ERROR_TYPE, event.get("type").asText());
        assertEquals("invalid_json", event.at("/data/error/code").asText());
        assertTrue(standIn.requests().isEmpty());
    }

    @Test
    void answersAnEventOfAnotherTypeWithAnErrorEventInsteadOfAChat() {
        Response binary = given().header("ce-specversion", "1.0").header("ce-id", "event-7").header("ce-source", "/tests")
                .header("ce-type", "com.example.order.created").contentType("application/json").body(REQUEST).post("/");

        binary.then().statusCode(200);
        assertEquals(ChatEventFunction.ERROR_TYPE, binary.header("ce-type"));
        assertEquals("event-7", binary.header("ce-subject"));
        assertEquals("unsupported_event_type", SseBody.json(binary.asString()).at("/error/code").asText());

        Response structured = given().contentType("application/cloudevents+json").body("""
                {"specversion": "1.0", "id": "event-8", "source": "/tests", "type": "com.example.order.created",
                 "datacontenttype": "application/json", "data": %s}
                """.formatted(REQUEST)).post("/");

        JsonNode event = SseBody.json(structured.then().statusCode(200).extract().asString());
        assertEquals(ChatEventFunction.ERROR_TYPE, event.get("type").asText());
        assertEquals("event-8", event.get("subject").asText());
        assertEquals("unsupported_event_type", event.at("/data/error/code").asText());
        assertTrue(standIn.requests().isEmpty());
    }

    @Test
    void rejectsAnOversizedEventOfUnknownLengthWithA413() throws Exception {
        try (RawHttp http = new RawHttp(root)) {
            RawHttp.Answer answer = http.post(HttpVersion.HTTP_1_1, "/", Map.of("ce-specversion", "1.0", "ce-id",
                    "event-9", "ce-source", "/tests", "ce-type", ChatEventFunction.REQUEST_TYPE, "Content-Type",
                    "application/json"), Buffer.buffer(RequestBodies.OVER_THE_LIMIT), true);

            assertEquals("request_too_large", answer.error(413).get("code").asText());
        }
        assertTrue(standIn.requests().isEmpty());
    }

    static Response binaryEvent(String id, String data) {
        return given()
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "/tests")
                .header("ce-type", ChatEventFunction.REQUEST_TYPE)
                .contentType("application/json")
                .body(data)
                .post("/");
    }
}
