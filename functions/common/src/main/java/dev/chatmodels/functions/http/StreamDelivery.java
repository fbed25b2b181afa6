package dev.chatmodels.functions.http;

import java.util.concurrent.Executor;

import io.smallrye.mutiny.Multi;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * How an app sends a streamed answer: the Knative app as the model writes it ({@link LiveEventStream}), the Lambda app,
 * whose platform delivers an answer in one piece, all at once.
 */
public interface StreamDelivery {

    /**
     * Answers {@code context}'s request with {@code events}, server-sent events that fail only before the first one
     * (later failures are an error event).
     */
    void send(RoutingContext context, Multi<byte[]> events);

    /**
     * Runs tasks on the calling Vert.x context (the request's event loop), where writing, checking the write queue and
     * setting a drain handler cannot race.
     */
    static Executor currentContext() {
        Context context = Vertx.currentContext();
        return task -> context.runOnContext(ignored -> task.run());
    }
}
