package dev.chatmodels.it;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.chatmodels.model.ChatModel;
import dev.chatmodels.usage.UsageScope;
import io.smallrye.common.annotation.Blocking;

/** Runs several calls, on any of the app's models, inside one {@link UsageScope} and reports what they used. */
@Path("/usage")
public class UsageResource {

    @Inject
    AppModels models;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public UsageReport usage(List<UsageCall> calls) {
        try (UsageScope scope = UsageScope.open()) {
            for (UsageCall call : calls) {
                ChatModel model = models.named(call.model());
                if (call.stream()) {
                    // the scope joins the stream when it starts; the usage arrives with the last chunks
                    model.stream(call.prompt()).collect().last().await().indefinitely();
                } else {
                    model.invoke(call.prompt());
                }
            }
            return new UsageReport(scope.usageByModel(), scope.total());
        }
    }
}
