package dev.chatmodels.functions.knative;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import dev.chatmodels.functions.testing.ApiKeysTest;
import dev.chatmodels.functions.testing.StandInModels;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Client API keys on the Knative app; without them, {@link KnativeChatApiTest} shows the API open. */
@QuarkusTest
@TestProfile(ApiKeysTest.WithApiKeys.class)
@WithTestResource(StandInModels.class)
class KnativeApiKeysTest extends ApiKeysTest {

    @Test
    void rejectsEventsWithoutAKey() {
        Response response = CloudEventsTest.binaryEvent("event-1", "{}");

        response.then().statusCode(401);
        assertNull(response.header("ce-type"));
    }
}
