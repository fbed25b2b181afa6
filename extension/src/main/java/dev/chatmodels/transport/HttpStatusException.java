package dev.chatmodels.transport;

import java.util.List;
import java.util.Map;

/** A non-2xx answer, before the provider codec turns it into a typed error. */
public class HttpStatusException extends RuntimeException {

    private final int status;
    private final transient Map<String, List<String>> headers;
    private final String body;

    public HttpStatusException(int status, Map<String, List<String>> headers, String body) {
        super("HTTP " + status);
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** Response headers, names in lower case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public String body() {
        return body;
    }
}
