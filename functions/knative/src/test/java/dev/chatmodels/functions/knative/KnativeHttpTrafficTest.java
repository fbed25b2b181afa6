package dev.chatmodels.functions.knative;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.chatmodels.functions.testing.HttpTrafficTest;
import dev.chatmodels.functions.testing.LogRecords;
import dev.chatmodels.functions.testing.StandInModels;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The Knative app under real HTTP traffic; in the same JVM, so its log can be checked too (API and events). */
@QuarkusTest
@WithTestResource(StandInModels.class)
class KnativeHttpTrafficTest extends HttpTrafficTest {

    @Test
    void logsNothingAboutBadClients() throws Exception {
        try (LogRecords log = LogRecords.capture()) {
            given().contentType(ContentType.JSON).body("{\"model\": ").post("/v1/chat/completions").then().statusCode(400);
            given().contentType("multipart/form-data; boundary=x").body("--x--".getBytes())
                    .post("/v1/chat/completions").then().statusCode(415);
            given().contentType(ContentType.JSON).body(new byte[0]).post("/v1/chat/completions").then().statusCode(400);
            given().get("/v1/nothing-here").then().statusCode(404);
            given().contentType("application/cloudevents+json").body("{\"id\": ").post("/").then().statusCode(200);
            given().contentType("application/json").body("{}").post("/").then().statusCode(400);
            rejectsAnOversizedBodyOfUnknownLengthWithA413();
            rejectsAnOversizedBodyOverHttp2WithA413();
            rejectsInvalidUtf8();
            cancelsTheModelCallWhenTheClientGoesAwayMidStream();

            // the capture's own check: a line that is logged must show, or an empty list would prove nothing
            Logger.getLogger("capture-check").warn("logged on purpose");

            // a starved machine may make Vert.x warn about a slow event loop: that is the machine, not a client
            List<String> logged = log.atOrAbove(Level.INFO).stream()
                    .filter(line -> !line.contains("BlockedThreadChecker")).toList();
            assertEquals(1, logged.size(), logged::toString);
            assertTrue(logged.get(0).contains("logged on purpose"), logged::toString);
        }
    }
}
