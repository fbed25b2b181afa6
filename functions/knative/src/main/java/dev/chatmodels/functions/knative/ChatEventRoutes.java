package dev.chatmodels.functions.knative;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chatmodels.functions.http.ApiErrorResponses;
import dev.chatmodels.functions.http.JsonBodies;
import dev.chatmodels.functions.http.StreamDelivery;
import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.functions.openai.ApiException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Receives CloudEvents posted to {@code /} (or {@code /chat}), as a Knative broker or channel delivers them, in binary
 * or structured mode. The body is read like the HTTP API's ({@link JsonBodies}: bounded, JSON only), the event decoded
 * on a worker thread, and the reply sent in the mode the request came in.
 */
@ApplicationScoped
public class ChatEventRoutes {

    private static final String STRUCTURED = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch+json";

    private final JsonBodies bodies;
    private final ChatEventFunction function;

    ChatEventRoutes(JsonBodies bodies, ChatEventFunction function) {
        this.bodies = bodies;
        this.function = function;
    }

    void install(@Observes Router router) {
        router.post("/").handler(this::receive);
        router.post("/chat").handler(this::receive);
    }

    private void receive(RoutingContext context) {
        String type = String.valueOf(context.request().getHeader(HttpHeaders.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
        if (type.startsWith(BATCH)) {
            ApiErrorResponses.sendUnread(context, new ApiError(415, ApiError.INVALID_REQUEST, "unsupported_media_type",
                    null, "Batches of events are not supported: send one event per request.", Map.of()));
            return;
        }
        boolean structured = type.startsWith(STRUCTURED);
        MultiMap headers = context.request().headers();
        if (!structured && headers.get("ce-id") == null) {
            ApiErrorResponses.sendUnread(context, ApiError.invalidRequest(null, "invalid_event", "Not a CloudEvent:"
                    + " send the 'ce-*' headers (binary mode) or 'Content-Type: " + STRUCTURED + "' (structured mode)."));
            return;
        }
        bodies.read(context, body -> context.vertx()
                .executeBlocking(() -> reply(headers, body.getBytes(), structured), false)
                .onSuccess(reply -> send(context, reply, structured))
                .onFailure(failure -> ApiErrorResponses.send(context.response(), ApiErrorResponses.of(failure))));
    }

    /** The reply to the event a body carries: an error event when it is malformed. Runs on a worker thread. */
    private Uni<ChatEventReply> reply(MultiMap headers, byte[] body, boolean structured) {
        ChatEvent event;
        try {
            event = structured ? ChatEvent.structured(body) : ChatEvent.binary(headers, body);
        } catch (ApiException malformed) {
            return Uni.createFrom().item(ChatEventFunction.error(structured ? null : headers.get("ce-id"),
                    malformed.error()));
        }
        return function.chat(event);
    }

    private static void send(RoutingContext context, Uni<ChatEventReply> reply, boolean structured) {
        Cancellable call = reply.emitOn(StreamDelivery.currentContext()).subscribe().with(
                event -> event.send(context.response(), structured),
                failure -> ApiErrorResponses.send(context.response(), ApiErrorResponses.of(failure)));
        context.response().closeHandler(closed -> call.cancel());
    }
}
