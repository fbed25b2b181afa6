package dev.chatmodels.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.quarkus.runtime.ChatModels;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Chat endpoints over the app's models ({@code default} or {@code claude} in the path); the request body is the prompt.
 * Blocking calls run on worker threads ({@link Blocking}); streams stay on the event loop.
 */
@Path("/chat")
public class ChatResource {

    @Inject
    AppModels models;

    @Inject
    ChatModels chatModels;

    /** Every configured model as {@code name -> provider:model}, as the {@link ChatModels} bean sees them. */
    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> configured() {
        Map<String, String> configured = new LinkedHashMap<>();
        chatModels.names().forEach(name -> {
            var model = chatModels.get(name);
            configured.put(name, model.provider() + ":" + model.modelName());
        });
        return configured;
    }

    @POST
    @Path("/{model}/invoke")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public MessageView invoke(@RestPath String model, String prompt) {
        return MessageView.of(models.named(model).invoke(prompt));
    }

    /** The answer's chunks as server-sent events, relayed as they arrive. */
    @POST
    @Path("/{model}/stream")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ChunkView> stream(@RestPath String model, String prompt) {
        return models.named(model).stream(prompt).map(ChunkView::of);
    }

    /** The streamed chunks added up into one message. */
    @POST
    @Path("/{model}/stream/collected")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<MessageView> streamCollected(@RestPath String model, String prompt) {
        return models.named(model).stream(prompt).collect().asList()
                .map(chunks -> MessageView.of(AIMessageChunk.sum(chunks).toMessage()));
    }

    /** One result per prompt, in input order; a failed prompt gives an error item and the others still answer. */
    @POST
    @Path("/{model}/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public List<BatchItemView> batch(@RestPath String model,
            @QueryParam("maxConcurrency") @DefaultValue("4") int maxConcurrency,
            List<String> prompts) {
        return models.named(model).batchPrompts(prompts, RunConfig.EMPTY.withMaxConcurrency(maxConcurrency)).stream()
                .map(BatchItemView::of)
                .toList();
    }
}
