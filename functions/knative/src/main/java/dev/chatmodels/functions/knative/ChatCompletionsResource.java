package dev.chatmodels.functions.knative;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestMulti;

import dev.chatmodels.functions.http.CompletionBodies;
import dev.chatmodels.functions.openai.CompletionRequest;

/**
 * {@code POST /v1/chat/completions}, streaming: a stream's events go out as the model writes them. Either answer is a
 * {@link RestMulti}, whose status and headers are written with its first item, so a failure before any output (an
 * unknown model, a provider error) still becomes a proper HTTP error.
 */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    private final CompletionBodies bodies;

    ChatCompletionsResource(CompletionBodies bodies) {
        this.bodies = bodies;
    }

    @POST
    public RestMulti<byte[]> create(byte[] body) {
        CompletionRequest request = bodies.read(body);
        if (request.stream()) {
            return RestMulti.fromMultiData(bodies.events(request))
                    .header("Content-Type", MediaType.SERVER_SENT_EVENTS)
                    .header("Cache-Control", "no-cache")
                    .build();
        }
        return RestMulti.fromMultiData(bodies.completion(request).toMulti())
                .header("Content-Type", MediaType.APPLICATION_JSON)
                .build();
    }
}
