package dev.chatmodels.functions.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * With {@code chat-functions.api-keys} set, every request but the health checks needs one of the keys. Subclasses run
 * with {@link WithApiKeys} and {@link StandInModels}.
 */
public abstract class ApiKeysTest {

    public static final String FIRST_KEY = "fk-first-5Tg8Wc2Ln4";
    public static final String SECOND_KEY = "fk-second-9Hb3Xe6Rq1";

    /** Two client keys, as when rotating them. */
    public static class WithApiKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat-functions.api-keys", FIRST_KEY + "," + SECOND_KEY);
        }
    }

    @Test
    void rejectsRequestsWithoutAKey() {
        Response response = given().get("/v1/models");

        JsonNode error = ChatApiTest.error(response, 401);
        assertEquals("authentication_error", error.get("type").asText());
        assertEquals("invalid_api_key", error.get("code").asText());
        assertEquals("Bearer", response.header("WWW-Authenticate"));
    }

    @Test
    void rejectsAWrongKeyWithoutRevealingTheRightOnes() {
        Response response = given().header("Authorization", "Bearer " + FIRST_KEY + "x")
                .contentType(ContentType.JSON).body("{}").post("/v1/chat/completions");

        ChatApiTest.error(response, 401);
        assertFalse(response.asString().contains(FIRST_KEY), response.asString());
        assertFalse(response.asString().contains(SECOND_KEY), response.asString());
    }

    @Test
    void acceptsEachConfiguredKey() {
        given().header("Authorization", "Bearer " + FIRST_KEY).get("/v1/models").then().statusCode(200);
        given().header("Authorization", "bearer " + SECOND_KEY).get("/v1/models").then().statusCode(200);
    }

    @Test
    void keepsTheHealthChecksOpenForTheProbes() {
        given().get("/q/health/ready").then().statusCode(200);
    }
}
