package dev.chatmodels.transport;

import java.util.Map;
import java.util.Objects;

/**
 * One POST: a path relative to the base URL, headers (including fixed auth headers such as a key), a JSON body, and
 * the authenticator the transport asks per attempt for the headers that depend on the request sent (a signature);
 * {@link RequestAuthenticator#NONE} when the headers already authenticate it.
 */
public record HttpCall(String path, Map<String, String> headers, String body, RequestAuthenticator authenticator) {

    public HttpCall {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(authenticator, "authenticator");
    }

    /** A call whose headers authenticate it. */
    public HttpCall(String path, Map<String, String> headers, String body) {
        this(path, headers, body, RequestAuthenticator.NONE);
    }

    /** Whether the transport must ask {@link #authenticator} for headers per attempt. */
    public boolean signedPerAttempt() {
        return !authenticator.isStatic();
    }

    /** Leaves out headers and body: they hold the API key and the user's data. */
    @Override
    public String toString() {
        return "HttpCall[POST " + path + "]";
    }
}
