package dev.chatmodels.functions.http;

import java.util.concurrent.Flow;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Sends a stream's events as they come, never faster than the client reads them: the next event is requested from the
 * model only once the last one fits in the write queue. A client that goes away cancels the stream, which closes the
 * call to the provider.
 */
@DefaultBean
@Singleton
public class LiveEventStream implements StreamDelivery {

    private static final Logger LOG = Logger.getLogger(LiveEventStream.class);

    @Override
    public void send(RoutingContext context, Multi<byte[]> events) {
        events.emitOn(StreamDelivery.currentContext()).subscribe().withSubscriber(new Writer(context.response()));
    }

    /** Writes events to one response; every method runs on the response's event loop. */
    private static final class Writer implements Flow.Subscriber<byte[]> {

        private final HttpServerResponse response;
        private Flow.Subscription subscription;
        private boolean closed;

        Writer(HttpServerResponse response) {
            this.response = response;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            response.closeHandler(ignored -> {
                if (!response.ended()) {
                    closed = true;
                    LOG.debug("The client went away during a stream: cancelling the model call");
                    subscription.cancel();
                }
            });
            subscription.request(1);
        }

        @Override
        public void onNext(byte[] event) {
            if (closed) {
                return;
            }
            if (!response.headWritten()) {
                response.setStatusCode(200).setChunked(true)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            }
            response.write(Buffer.buffer(event));
            if (response.writeQueueFull()) {
                response.drainHandler(drained -> subscription.request(1));
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (!closed) {
                ApiErrorResponses.send(response, ApiErrorResponses.of(failure));
            }
        }

        @Override
        public void onComplete() {
            if (!closed) {
                response.end();
            }
        }
    }
}
