package dev.chatmodels.it;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.tool.ToolLoop;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs the tool loop for a prompt on one of the app's models, with the tools its configuration binds
 * ({@code quarkus.chat-models.tools}, {@code quarkus.chat-models.claude.tools}). The endpoint does not block: the
 * model calls are asynchronous and the tools run on worker threads.
 */
@Path("/tools")
public class ToolLoopResource {

    @Inject
    AppModels models;

    @POST
    @Path("/{model}/loop")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ToolLoopView> loop(@RestPath String model, String prompt) {
        ThreadRecordingExecutor workers = new ThreadRecordingExecutor(Infrastructure.getDefaultWorkerPool());
        return ToolLoop.runAsync(models.named(model), List.of(HumanMessage.of(prompt)), RunConfig.EMPTY, workers)
                .map(result -> ToolLoopView.of(result, workers.threads()));
    }
}
