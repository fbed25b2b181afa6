package dev.chatmodels.provider.ollama;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.provider.ResponseHeaders;

/**
 * Reads Ollama errors: {@code {"error": "message"}}, as an HTTP error body (the status says the kind) or as the last
 * line of a stream that failed after it started (status 200: the model failed while running, a server error).
 */
final class OllamaErrorDecoder {

    static final String PROVIDER = "ollama";

    private OllamaErrorDecoder() {
    }

    static ProviderError decode(int status, Map<String, List<String>> headers, String body) {
        String message = message(parseOrNull(body));
        if (message == null && body != null && !body.isBlank()) {
            message = "unexpected error body: " + ProviderError.excerpt(body);
        }
        return new ProviderError(PROVIDER, status, ProviderError.kindOf(status), null, null, message, null,
                ResponseHeaders.retryAfter(headers));
    }

    /** The error of an answer or stream line that is one, else {@code null}. */
    static ProviderError inAnswer(JsonNode answer) {
        String message = message(answer);
        return message == null ? null
                : new ProviderError(PROVIDER, 200, ProviderError.Kind.SERVER, null, null, message, null, null);
    }

    private static String message(JsonNode root) {
        JsonNode error = root == null ? null : root.get("error");
        if (error == null || error.isNull()) {
            return null;
        }
        return error.isTextual() ? error.asText() : error.toString();
    }

    private static JsonNode parseOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Jackson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
