package dev.chatmodels.functions.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.functions.chat.ModelCatalog;
import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.functions.openai.CompletionRequest;
import dev.chatmodels.json.Jackson;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI-compatible HTTP API, {@code POST /v1/chat/completions} and {@code GET /v1/models}, as Vert.x routes: the
 * functions read the body themselves ({@link JsonBodies}), so limits, media types, HTTP/2 and every error answer are
 * theirs. The body is decoded and checked on a worker thread; the answer goes out through the request's event loop.
 */
@ApplicationScoped
public class ChatApiRoutes {

    static final String COMPLETIONS = "/v1/chat/completions";
    static final String MODELS = "/v1/models";

    private final ModelCatalog models;
    private final JsonBodies bodies;
    private final CompletionBodies completions;
    private final StreamDelivery streams;

    ChatApiRoutes(ModelCatalog models, JsonBodies bodies, CompletionBodies completions, StreamDelivery streams) {
        this.models = models;
        this.bodies = bodies;
        this.completions = completions;
        this.streams = streams;
    }

    void install(@Observes Router router) {
        router.post(COMPLETIONS).handler(this::complete);
        router.get(MODELS).handler(this::listModels);
        router.route("/v1/*").handler(ChatApiRoutes::unknown);
    }

    private void complete(RoutingContext context) {
        bodies.read(context, body -> context.vertx()
                .executeBlocking(() -> completions.read(body.getBytes()), false)
                .onSuccess(request -> answer(context, request))
                .onFailure(failure -> ApiErrorResponses.send(context.response(), ApiErrorResponses.of(failure))));
    }

    private void answer(RoutingContext context, CompletionRequest request) {
        if (request.stream()) {
            streams.send(context, completions.events(request));
            return;
        }
        Cancellable call = completions.completion(request)
                .emitOn(StreamDelivery.currentContext())
                .subscribe().with(
                        json -> context.response().setStatusCode(200)
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .end(Buffer.buffer(json)),
                        failure -> ApiErrorResponses.send(context.response(), ApiErrorResponses.of(failure)));
        context.response().closeHandler(closed -> call.cancel());
    }

    private void listModels(RoutingContext context) {
        ObjectNode list = Jackson.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String name : models.names()) {
            data.addObject()
                    .put("id", name)
                    .put("object", "model")
                    .put("created", 0)
                    .put("owned_by", models.get(name).provider());
        }
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(list.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Any other request under {@code /v1}: a wrong method on a known path, or an unknown path. */
    private static void unknown(RoutingContext context) {
        String path = context.normalizedPath();
        HttpMethod allowed = path.equals(COMPLETIONS) ? HttpMethod.POST : path.equals(MODELS) ? HttpMethod.GET : null;
        ApiError error = allowed == null
                ? new ApiError(404, ApiError.INVALID_REQUEST, null, null, "Unknown path " + path + ": this API serves"
                        + " POST " + COMPLETIONS + " and GET " + MODELS + ".", Map.of())
                : new ApiError(405, ApiError.INVALID_REQUEST, null, null, context.request().method() + " is not"
                        + " allowed on " + path + ": use " + allowed + ".", Map.of("Allow", allowed.name()));
        ApiErrorResponses.sendUnread(context, error);
    }
}
