package dev.chatmodels.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.chatmodels.testing.RecordedAnswers;
import dev.chatmodels.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Batches: bounded concurrency as the provider sees it, results in input order, failures kept per input. */
@QuarkusTest
@WithTestResource(ProviderStandInResource.class)
class BatchTest extends ChatAppTest {

    @ParameterizedTest(name = "maxConcurrency={0}")
    @ValueSource(ints = { 1, 3 })
    void neverSendsMoreThanMaxConcurrencyRequestsAtOnce(int maxConcurrency) {
        // every answer takes a while, so the batch has as many requests in flight as it allows
        standIn.enqueue(OPENAI, Reply.fromFixture("openai-chat", "text_nonstream.response.json")
                .delayFirstByte(Duration.ofMillis(150)));
        List<String> prompts = IntStream.range(0, 6).mapToObj(i -> "Question " + i).toList();

        JsonPath results = batch("default", maxConcurrency, prompts);

        assertEquals(6, standIn.requestCount(OPENAI));
        assertEquals(maxConcurrency, standIn.maxConcurrentRequests(), "requests the stand-in answered at once");
        assertEquals(IntStream.range(0, 6).boxed().toList(), results.getList("index", Integer.class));
        String recorded = RecordedAnswers.text("openai-chat", "text_nonstream");
        results.getList("answer.text", String.class).forEach(text -> assertEquals(recorded, text));
    }

    /**
     * Input 1 or 0, whichever arrives second, gets a slow answer; meanwhile the inputs after it run one by one next to
     * it and complete first. Their answers are distinct recordings, the fourth a recorded error.
     */
    @Test
    void keepsInputOrderAndTheOtherResultsWhenOneInputFails() {
        Reply hello = Reply.fromFixture("anthropic", "text_nonstream.response.json");
        standIn.enqueue(ANTHROPIC,
                hello.delayFirstByte(Duration.ofMillis(200)),
                hello.delayFirstByte(Duration.ofMillis(900)),
                Reply.fromFixture("anthropic", "cache_read_nonstream.response.json"),
                Reply.fromFixture("anthropic", "error_400_invalid_request.response.json"),
                Reply.fromFixture("anthropic", "cache_write_nonstream.response.json"));

        JsonPath results = batch("claude", 2, List.of("first", "second", "third", "fourth", "fifth"));

        assertEquals(2, standIn.maxConcurrentRequests());
        assertEquals(List.of(0, 1, 2, 3, 4), results.getList("index", Integer.class));
        assertEquals(RecordedAnswers.text("anthropic", "text_nonstream"), results.getString("[0].answer.text"));
        assertEquals(RecordedAnswers.text("anthropic", "text_nonstream"), results.getString("[1].answer.text"));
        assertEquals(RecordedAnswers.text("anthropic", "cache_read_nonstream"), results.getString("[2].answer.text"));
        assertNull(results.get("[3].answer"));
        assertEquals("InvalidRequestException", results.getString("[3].error.exception"));
        assertEquals(400, results.getInt("[3].error.status"));
        assertEquals("req_011Ca7jT9AHpgXgdv8igm4z9", results.getString("[3].error.requestId"));
        assertEquals(RecordedAnswers.text("anthropic", "cache_write_nonstream"), results.getString("[4].answer.text"));
        assertNull(results.get("[4].error"));
    }

    private static JsonPath batch(String model, int maxConcurrency, List<String> prompts) {
        return given().contentType(ContentType.JSON).body(prompts).queryParam("maxConcurrency", maxConcurrency)
                .post("/chat/" + model + "/batch")
                .then().statusCode(200).extract().jsonPath();
    }
}
