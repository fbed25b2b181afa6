package dev.chatmodels.functions.knative;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The event answering a chat event: a completion or an error, from {@value ChatEventFunction#SOURCE}, its subject the
 * request event's id (none when the request was too malformed to have one).
 */
record ChatEventReply(String type, String subject, JsonNode data) {

    /** Sends this event as a 200 answer, in binary or structured mode. */
    void send(HttpServerResponse response, boolean structured) {
        String id = UUID.randomUUID().toString();
        response.setStatusCode(200);
        if (structured) {
            ObjectNode event = Jackson.MAPPER.createObjectNode()
                    .put("specversion", "1.0")
                    .put("id", id)
                    .put("source", ChatEventFunction.SOURCE)
                    .put("type", type);
            if (subject != null) {
                event.put("subject", subject);
            }
            event.put("datacontenttype", "application/json").set("data", data);
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/cloudevents+json").end(event.toString());
            return;
        }
        response.putHeader("ce-specversion", "1.0")
                .putHeader("ce-id", id)
                .putHeader("ce-source", ChatEventFunction.SOURCE)
                .putHeader("ce-type", type);
        if (subject != null) {
            response.putHeader("ce-subject", subject);
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(data.toString());
    }
}
