package dev.chatmodels.functions.knative;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.functions.openai.CompletionRequestReader;
import io.vertx.core.MultiMap;

/**
 * A CloudEvent as received: its id and type, and its data as JSON ({@code null} when it has none). Reading one is CPU
 * work for a worker thread; anything malformed is an {@link dev.chatmodels.functions.openai.ApiException} with a 400.
 *
 * @param structured whether it came in structured mode (the whole event as JSON), so the reply goes back the same way
 */
record ChatEvent(String id, String type, JsonNode data, boolean structured) {

    /** An event in binary mode: the attributes in {@code ce-*} headers, the data the body. */
    static ChatEvent binary(MultiMap headers, byte[] body) {
        JsonNode data = CompletionRequestReader.parse(body, "event data");
        return new ChatEvent(headers.get("ce-id"), headers.get("ce-type"), data.isMissingNode() ? null : data, false);
    }

    /** An event in structured mode: the whole event, data included, as one JSON object. */
    static ChatEvent structured(byte[] body) {
        JsonNode event = CompletionRequestReader.parse(body, "event");
        if (!event.isObject()) {
            throw invalid(null, "The event is not a JSON object: send a CloudEvent in structured mode.");
        }
        String id = attribute(event, "id");
        String type = attribute(event, "type");
        JsonNode contentType = event.get("datacontenttype");
        if (contentType != null && !contentType.isNull() && !contentType.asText().startsWith("application/json")) {
            throw invalid("datacontenttype", "Event data of type '" + contentType.asText() + "' is not supported:"
                    + " send a Chat Completions request with datacontenttype application/json.");
        }
        if (event.has("data_base64")) {
            throw invalid("data_base64", "Binary event data is not supported: send the request as JSON in 'data'.");
        }
        JsonNode data = event.get("data");
        return new ChatEvent(id, type, data == null || data.isNull() ? null : data, true);
    }

    private static String attribute(JsonNode event, String name) {
        JsonNode value = event.get(name);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw invalid(name, "The event has no '" + name + "': send a CloudEvent with 'specversion', 'id', 'source'"
                    + " and 'type'.");
        }
        return value.asText();
    }

    private static RuntimeException invalid(String param, String message) {
        return new ApiError(400, ApiError.INVALID_REQUEST, "invalid_event", param, message, Map.of()).exception();
    }
}
