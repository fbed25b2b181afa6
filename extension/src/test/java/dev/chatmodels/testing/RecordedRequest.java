package dev.chatmodels.testing;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;

/**
 * A request the {@link ProviderStandIn} received: method, path, query ({@code null} when the target has none), headers
 * with lower-case names (repeated headers joined with {@code ", "}) and body.
 */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The value of a header, by case-insensitive name, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as a JSON tree. */
    public JsonNode json() {
        try {
            return Jackson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The body of " + method + " " + path + " is not JSON: " + body, e);
        }
    }

    /** Leaves out headers and body: they may hold an API key. */
    @Override
    public String toString() {
        return "RecordedRequest[" + method + " " + path + "]";
    }
}
