package dev.chatmodels.transport;

import java.util.Map;

/**
 * How a provider proves who calls it: a key in a header, or a signature over the whole request (AWS Signature V4).
 * The transport asks it once per attempt, right before sending, with the request it sends.
 */
public interface RequestAuthenticator {

    /** No authentication: local servers. */
    RequestAuthenticator NONE = fixed(Map.of());

    /**
     * The headers that authenticate {@code request}, added to it. Runs on the transport's thread (an event loop): it
     * must not block; credentials that need I/O are fetched ahead, at start-up or in the background.
     */
    Map<String, String> headers(OutgoingRequest request);

    /**
     * Whether {@link #headers} is the same for every request (a key in a header) and ignores its argument (it may be
     * {@code null}): the headers are then computed once per model and the per-request work is skipped.
     */
    default boolean isStatic() {
        return false;
    }

    /** The same headers on every request. */
    static RequestAuthenticator fixed(Map<String, String> headers) {
        Map<String, String> copy = Map.copyOf(headers);
        return new RequestAuthenticator() {
            @Override
            public Map<String, String> headers(OutgoingRequest request) {
                return copy;
            }

            @Override
            public boolean isStatic() {
                return true;
            }
        };
    }
}
