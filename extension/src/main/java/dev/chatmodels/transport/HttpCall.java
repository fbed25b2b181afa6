package dev.chatmodels.transport;

import java.util.Map;

/** One POST: a path relative to the base URL, headers (including the secret auth header) and a JSON body. */
public record HttpCall(String path, Map<String, String> headers, String body) {

    public HttpCall {
        headers = Map.copyOf(headers);
    }

    /** Leaves out headers and body: they hold the API key and the user's data. */
    @Override
    public String toString() {
        return "HttpCall[POST " + path + "]";
    }
}
