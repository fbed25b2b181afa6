package dev.chatmodels.transport;

import java.net.URI;
import java.util.Map;

/**
 * A request exactly as the transport is about to send it: what a {@link RequestAuthenticator} signs.
 *
 * @param uri the absolute URI, host and query included
 * @param headers the headers already set (names as given), without the authentication ones
 * @param body the body bytes that go on the wire
 */
public record OutgoingRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    /** Leaves out headers and body: they may hold secrets and the user's data. */
    @Override
    public String toString() {
        return "OutgoingRequest[" + method + " " + uri + "]";
    }
}
