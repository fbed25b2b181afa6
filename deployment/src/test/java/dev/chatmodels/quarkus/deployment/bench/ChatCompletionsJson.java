package dev.chatmodels.quarkus.deployment.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;

/**
 * The JSON work of a hand-written Chat Completions client, the floor the model is measured against: a request body
 * built as a Jackson tree and written, each answer or event read with {@code readTree} and its text picked out.
 */
final class ChatCompletionsJson {

    static final String PATH = "/chat/completions";
    static final String DONE = "[DONE]";

    private ChatCompletionsJson() {
    }

    static String requestBody(Prompt prompt, boolean stream) {
        ObjectNode body = Jackson.MAPPER.createObjectNode().put("model", prompt.model());
        body.putArray("messages")
                .add(Jackson.MAPPER.createObjectNode().put("role", "system").put("content", prompt.system()))
                .add(Jackson.MAPPER.createObjectNode().put("role", "user").put("content", prompt.user()));
        if (stream) {
            body.put("stream", true).putObject("stream_options").put("include_usage", true);
        }
        try {
            return Jackson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a whole answer. */
    static String answerText(String body) {
        return read(body).at("/choices/0/message/content").asText();
    }

    /** The text of one streamed event's data, empty when it has none. */
    static String deltaText(String data) {
        return read(data).at("/choices/0/delta/content").asText("");
    }

    private static JsonNode read(String json) {
        try {
            return Jackson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }
}
