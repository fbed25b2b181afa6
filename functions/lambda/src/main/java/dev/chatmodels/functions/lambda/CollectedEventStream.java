package dev.chatmodels.functions.lambda;

import java.io.ByteArrayOutputStream;

import jakarta.inject.Singleton;

import dev.chatmodels.functions.http.ApiErrorResponses;
import dev.chatmodels.functions.http.StreamDelivery;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A stream's events on Lambda: API Gateway and function URLs hand the function's answer over in one piece (and Quarkus'
 * Lambda HTTP bridge cannot send chunked answers), so the events are collected and sent together, still in the
 * server-sent events format clients expect.
 */
@Singleton
public class CollectedEventStream implements StreamDelivery {

    @Override
    public void send(RoutingContext context, Multi<byte[]> events) {
        Cancellable call = events.collect().in(ByteArrayOutputStream::new, ByteArrayOutputStream::writeBytes)
                .emitOn(StreamDelivery.currentContext())
                .subscribe().with(
                        collected -> context.response().setStatusCode(200)
                                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                                .end(Buffer.buffer(collected.toByteArray())),
                        failure -> ApiErrorResponses.send(context.response(), ApiErrorResponses.of(failure)));
        context.response().closeHandler(closed -> call.cancel());
    }
}
