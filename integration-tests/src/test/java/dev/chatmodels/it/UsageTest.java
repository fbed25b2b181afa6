package dev.chatmodels.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A usage scope over calls to both models, invoked and streamed: usage summed per reported model name. */
@QuarkusTest
@WithTestResource(ProviderStandInResource.class)
class UsageTest extends ChatAppTest {

    @Test
    void sumsUsagePerModelAcrossBothModels() {
        replay(OPENAI, "openai-chat", "text_nonstream.response.json", "text_nonstream.response.json",
                "usage_cached_tokens.response.json", "text_stream_include_usage.response.sse");
        replay(ANTHROPIC, "anthropic", "text_nonstream.response.json", "thinking_stream.response.sse");

        JsonPath report = given().contentType(ContentType.JSON)
                .body(List.of(
                        call("default", false), call("claude", false), call("default", false),
                        call("claude", true), call("default", false), call("default", true)))
                .post("/usage")
                .then().statusCode(200).extract().jsonPath();

        // text_nonstream twice: 13 + 29 each
        assertUsage(report, "byModel.'gpt-4o-2024-08-06'", 26, 58, 84);
        // usage_cached_tokens: 1144 prompt tokens, 1024 of them read from the cache, 2 completion tokens
        assertUsage(report, "byModel.'gpt-4.1-2025-04-14'", 1144, 2, 1146);
        assertEquals(1024, report.getInt("byModel.'gpt-4.1-2025-04-14'.inputTokenDetails.cacheRead"));
        // text_stream_include_usage: its final usage chunk
        assertUsage(report, "byModel.'gpt-4o-mini-2024-07-18'", 78, 9, 87);
        // Anthropic text_nonstream (9 + 18) and thinking_stream (43 + 282) report the same model
        assertUsage(report, "byModel.'claude-sonnet-4-20250514'", 52, 300, 352);
        assertEquals(4, report.getMap("byModel").size());
        assertUsage(report, "total", 26 + 1144 + 78 + 52, 58 + 2 + 9 + 300, 84 + 1146 + 87 + 352);
    }

    private static Map<String, Object> call(String model, boolean stream) {
        return Map.of("model", model, "prompt", "Hello", "stream", stream);
    }
}
