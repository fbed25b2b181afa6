package dev.chatmodels.transport;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends a model's HTTP requests to its base URL. Implementations never block the caller. A non-2xx answer fails with
 * {@link HttpStatusException} carrying the error body; a network failure fails with the I/O exception.
 */
public interface ChatTransport {

    /** POSTs a JSON body and delivers the JSON answer. */
    Uni<HttpResult> post(HttpCall call);

    /**
     * POSTs a JSON body and delivers the streamed answer event by event. Cancelling the subscription closes the
     * connection.
     */
    Multi<StreamEvent> stream(HttpCall call, StreamFormat format);
}
