package dev.chatmodels.functions.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import io.smallrye.mutiny.Multi;

class ServerSentEventsTest {

    private static final ApiError OVERLOADED = new ApiError(503, ApiError.SERVER, "provider_overloaded", null, "busy",
            java.util.Map.of());

    @Test
    void writesOneDataEventPerChunkThenDone() {
        List<String> events = events(Multi.createFrom().items(chunk(1), chunk(2)));

        assertEquals(List.of("data: {\"n\":1}\n\n", "data: {\"n\":2}\n\n", "data: [DONE]\n\n"), events);
    }

    @Test
    void endsAStreamThatFailsAfterItsFirstChunkWithAnErrorEventAndNoDone() {
        Multi<JsonNode> failing = Multi.createBy().concatenating().streams(Multi.createFrom().item(chunk(1)),
                Multi.createFrom().failure(OVERLOADED.exception()));

        List<String> events = events(failing);

        assertEquals(List.of("data: {\"n\":1}\n\n",
                "data: {\"error\":{\"message\":\"busy\",\"type\":\"server_error\",\"param\":null,\"code\":\"provider_overloaded\"}}\n\n"),
                events);
    }

    @Test
    void failsAStreamThatFailsBeforeItsFirstChunk() {
        ApiException failure = OVERLOADED.exception();

        ApiException thrown = assertThrows(ApiException.class,
                () -> events(Multi.createFrom().failure(failure)));

        assertSame(failure, thrown);
    }

    private static List<String> events(Multi<JsonNode> chunks) {
        return ServerSentEvents.of(chunks, failure -> ((ApiException) failure).error())
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .collect().asList().await().indefinitely();
    }

    private static JsonNode chunk(int n) {
        return Jackson.MAPPER.createObjectNode().put("n", n);
    }
}
