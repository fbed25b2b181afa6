package dev.chatmodels.transport;

import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends a model's HTTP requests to its base URL. Implementations never block the caller. A non-2xx answer fails with
 * {@link HttpStatusException} carrying the error body; a network failure fails with the I/O exception. A call with a
 * per-attempt {@link HttpCall#authenticator()} gets its headers added to every attempt, over the bytes sent.
 */
public interface ChatTransport {

    /** POSTs a JSON body and delivers the JSON answer. */
    Uni<HttpResult> post(HttpCall call);

    /**
     * POSTs a JSON body and delivers the streamed answer event by event. Cancelling the subscription closes the
     * connection.
     */
    Multi<StreamEvent> stream(HttpCall call, StreamFraming framing);

    /**
     * Like {@link #stream(HttpCall, StreamFraming)}, each event turned into the items {@code decode} makes of it as it
     * arrives. A transport can call {@code decode} in its own event handler: a stream operator per event costs more than
     * the decoding itself. A failure of {@code decode} fails the stream and closes the connection.
     */
    default <T> Multi<T> stream(HttpCall call, StreamFraming framing, Function<StreamEvent, List<T>> decode) {
        return stream(call, framing).onItem().transformToIterable(decode);
    }
}
