package dev.chatmodels.functions.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;

/** A server-sent events body as a client reads it: the {@code data:} payloads in order. */
public record SseBody(List<String> data) {

    public static SseBody parse(String body) {
        List<String> data = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            for (String line : event.split("\n")) {
                if (line.startsWith("data: ")) {
                    data.add(line.substring("data: ".length()));
                } else if (!line.isBlank()) {
                    throw new AssertionError("Not an SSE data line: " + line);
                }
            }
        }
        return new SseBody(data);
    }

    /** The JSON payloads, without the closing {@code [DONE]}. */
    public List<JsonNode> chunks() {
        List<JsonNode> chunks = new ArrayList<>();
        for (String payload : data) {
            if (!payload.equals("[DONE]")) {
                chunks.add(json(payload));
            }
        }
        return chunks;
    }

    public boolean done() {
        return !data.isEmpty() && data.get(data.size() - 1).equals("[DONE]");
    }

    /** The streamed text: every chunk's content delta, joined. */
    public String text() {
        StringBuilder text = new StringBuilder();
        chunks().forEach(chunk -> text.append(chunk.at("/choices/0/delta/content").asText("")));
        return text.toString();
    }

    public static JsonNode json(String text) {
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }
}
