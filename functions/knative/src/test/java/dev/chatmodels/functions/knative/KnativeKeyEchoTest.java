package dev.chatmodels.functions.knative;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.chatmodels.functions.testing.KeyEchoModels;
import dev.chatmodels.functions.testing.KeyEchoTest;
import dev.chatmodels.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Key echoes through the Knative app: its HTTP API and its CloudEvents. */
@QuarkusTest
@WithTestResource(KeyEchoModels.class)
class KnativeKeyEchoTest extends KeyEchoTest {

    @Test
    void cloudEventErrorsEchoingTheKeyAreRedacted() {
        standIn.enqueue(PATH, Reply.json(400, errorBody("default")), Reply.json(500, errorBody("sk", "server_error")));

        Response errorEvent = event("event-1", "default");
        Response failedDelivery = event("event-2", "sk");

        errorEvent.then().statusCode(200);
        assertEquals(ChatEventFunction.ERROR_TYPE, errorEvent.header("ce-type"));
        assertNoSecret(errorEvent.asString());
        assertEquals(502, failedDelivery.statusCode(), failedDelivery.asString());
        assertNoSecret(failedDelivery.asString());
        assertLogHasNoSecret("[sk] HTTP 500 body=");
    }

    private static Response event(String id, String model) {
        return given()
                .header("Authorization", "Bearer " + KeyEchoModels.CLIENT_KEY)
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "/tests")
                .header("ce-type", ChatEventFunction.REQUEST_TYPE)
                .contentType("application/json")
                .body("{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}")
                .post("/");
    }
}
