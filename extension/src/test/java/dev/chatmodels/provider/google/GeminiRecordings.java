package dev.chatmodels.provider.google;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.SseFixtures;
import dev.chatmodels.transport.StreamEvent;

/** The recorded Gemini exchanges under {@code fixtures/gemini}, read the way the tests need them. */
final class GeminiRecordings {

    static final String PROVIDER = "gemini";

    /**
     * Field names the recording clients wrote in snake_case; Gemini reads both spellings (protobuf JSON), and this
     * library writes the camelCase one.
     */
    private static final Map<String, String> SNAKE_CASE_FIELDS = Map.of("parameters_json_schema", "parametersJsonSchema",
            "file_uri", "fileUri", "mime_type", "mimeType", "include_thoughts", "includeThoughts", "thought_signature",
            "thoughtSignature");
    /** Numbers compare by value: the recordings write {@code 0} where Jackson writes {@code 0.0}. */
    private static final Comparator<JsonNode> SAME_VALUE = (left, right) -> left instanceof NumericNode l
            && right instanceof NumericNode r ? l.decimalValue().compareTo(r.decimalValue()) : left.equals(right) ? 0 : 1;
    private static final Set<String> STREAMS = Set.of("stream_generate_content_text", "thought_parts_stream",
            "function_calls_stream", "function_call_stream_thought_signature", "function_response_stream_followup");

    private GeminiRecordings() {
    }

    static JsonNode request(String scenario) {
        return Fixtures.json(PROVIDER, scenario + ".request.json");
    }

    static String requestText(String scenario) {
        return Fixtures.read(PROVIDER, scenario + ".request.json");
    }

    static JsonNode response(String scenario) {
        return Fixtures.json(PROVIDER, scenario + ".response.json");
    }

    static String responseText(String scenario) {
        return Fixtures.read(PROVIDER, scenario + ".response.json");
    }

    static List<StreamEvent> events(String scenario) {
        return SseFixtures.events(PROVIDER, scenario + ".response.sse");
    }

    /** The scenarios recorded as streams. */
    static Set<String> streams() {
        return STREAMS;
    }

    static GeminiCodec codec() {
        return new GeminiCodec();
    }

    /** Every chunk a fresh stream decoder makes of the recorded stream. */
    static List<AIMessageChunk> chunks(String scenario) {
        var decoder = codec().newStreamDecoder();
        List<AIMessageChunk> chunks = new ArrayList<>();
        events(scenario).forEach(event -> chunks.addAll(decoder.decode(event)));
        return chunks;
    }

    /** The recorded response headers (names in lower case) of {@code scenario}.meta.json. */
    static Map<String, List<String>> headers(String scenario) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Fixtures.json(PROVIDER, scenario + ".meta.json").path("headers").fields()
                .forEachRemaining(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT),
                        List.of(header.getValue().asText())));
        return headers;
    }

    static int status(String scenario) {
        return Fixtures.json(PROVIDER, scenario + ".meta.json").path("status").asInt();
    }

    /**
     * Asserts that a body this library wrote is the recorded one, up to what Gemini reads the same: camelCase or
     * snake_case field names, {@code 0} or {@code 0.0}, and a thought signature in either base64 alphabet.
     */
    static void assertSameBody(JsonNode recorded, JsonNode actual) {
        JsonNode expected = comparable(recorded);
        JsonNode written = comparable(actual);
        assertTrue(expected.equals(SAME_VALUE, written), () -> "expected " + expected.toPrettyString() + "\nbut was "
                + written.toPrettyString());
    }

    /** {@code body} with what Gemini reads the same written one way: camelCase names, the standard base64 alphabet. */
    static JsonNode comparable(JsonNode body) {
        JsonNode copy = body.deepCopy();
        normalise(copy);
        return copy;
    }

    private static void normalise(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, String> rename : SNAKE_CASE_FIELDS.entrySet()) {
                if (object.has(rename.getKey())) {
                    object.set(rename.getValue(), object.remove(rename.getKey()));
                }
            }
            if (object.path("thoughtSignature").isTextual()) {
                object.put("thoughtSignature", object.get("thoughtSignature").asText().replace('-', '+').replace('_', '/'));
            }
        }
        node.forEach(GeminiRecordings::normalise);
    }
}
