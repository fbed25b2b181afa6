package dev.chatmodels.functions.lambda;

import java.io.ByteArrayOutputStream;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.chatmodels.functions.http.CompletionBodies;
import dev.chatmodels.functions.openai.CompletionRequest;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /v1/chat/completions} on Lambda. API Gateway and function URLs hand the function's answer over in one
 * piece (and Quarkus' Lambda HTTP bridge cannot send chunked answers), so a stream's events are collected and sent
 * together, still in the server-sent events format clients expect.
 */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    private final CompletionBodies bodies;

    ChatCompletionsResource(CompletionBodies bodies) {
        this.bodies = bodies;
    }

    @POST
    public Uni<Response> create(byte[] body) {
        CompletionRequest request = bodies.read(body);
        if (request.stream()) {
            return bodies.events(request)
                    .collect().in(ByteArrayOutputStream::new, ByteArrayOutputStream::writeBytes)
                    .map(events -> Response.ok(events.toByteArray(), MediaType.SERVER_SENT_EVENTS)
                            .header("Cache-Control", "no-cache").build());
        }
        return bodies.completion(request).map(json -> Response.ok(json, MediaType.APPLICATION_JSON).build());
    }
}
