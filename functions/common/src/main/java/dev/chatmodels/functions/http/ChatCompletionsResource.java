package dev.chatmodels.functions.http;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.functions.chat.ChatCompletions;
import dev.chatmodels.functions.chat.ModelCatalog;
import dev.chatmodels.functions.config.FunctionsConfig;
import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.functions.openai.ApiException;
import dev.chatmodels.functions.openai.CompletionRequest;
import dev.chatmodels.functions.openai.CompletionRequestReader;
import dev.chatmodels.functions.openai.ServerSentEvents;
import dev.chatmodels.json.Jackson;
import io.smallrye.mutiny.Multi;

/**
 * The OpenAI-compatible HTTP API: {@code POST /v1/chat/completions} and {@code GET /v1/models}.
 * <p>
 * A completion is a {@link RestMulti} whether it streams or not: its status and headers are written with its first
 * item, so a failure before any output (an unknown model, a provider error) still becomes a proper HTTP error.
 */
@Path("/v1")
public class ChatCompletionsResource {

    private static final Logger LOG = Logger.getLogger(ChatCompletionsResource.class);

    private final ChatCompletions completions;
    private final CompletionRequestReader reader;
    private final ModelCatalog models;
    private final FunctionsConfig config;

    ChatCompletionsResource(ChatCompletions completions, CompletionRequestReader reader, ModelCatalog models,
            FunctionsConfig config) {
        this.completions = completions;
        this.reader = reader;
        this.models = models;
        this.config = config;
    }

    @POST
    @Path("/chat/completions")
    public RestMulti<byte[]> create(byte[] body) {
        if (body.length > config.maxBodySize().asLongValue()) {
            throw ApiError.bodyTooLarge(config.maxBodySize().asLongValue()).exception();
        }
        CompletionRequest request = reader.read(body);
        if (request.stream()) {
            Multi<byte[]> events = ServerSentEvents.of(completions.stream(request), failure -> {
                ApiError error = failure instanceof ApiException api ? api.error() : ApiErrorResponses.unexpected(failure);
                LOG.warnf("Stream of model '%s' ended early: %s (%s)", request.model(), error.message(), failure.getCause());
                return error;
            });
            return RestMulti.fromMultiData(events)
                    .header("Content-Type", MediaType.SERVER_SENT_EVENTS)
                    .header("Cache-Control", "no-cache")
                    .build();
        }
        return RestMulti.fromMultiData(completions.complete(request).map(ChatCompletionsResource::json).toMulti())
                .header("Content-Type", MediaType.APPLICATION_JSON)
                .build();
    }

    private static byte[] json(ObjectNode completion) {
        return completion.toString().getBytes(StandardCharsets.UTF_8);
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode models() {
        ObjectNode list = Jackson.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String name : models.names()) {
            data.addObject()
                    .put("id", name)
                    .put("object", "model")
                    .put("created", 0)
                    .put("owned_by", models.get(name).provider());
        }
        return list;
    }
}
