package dev.chatmodels.quarkus.runtime.transport;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.StreamEvent;

/**
 * Logs one model's requests and answers at INFO in the category {@code dev.chatmodels.http}, when the model's
 * {@code log-requests} / {@code log-responses} is on. Values of headers that carry credentials are masked.
 */
final class TransportLog {

    static final String CATEGORY = "dev.chatmodels.http";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final List<String> SECRET_HEADER_PARTS = List.of("auth", "key", "token", "secret", "cookie",
            "password");

    private final String label;
    private final boolean requests;
    private final boolean responses;

    TransportLog(String label, boolean requests, boolean responses) {
        this.label = label;
        this.requests = requests;
        this.responses = responses;
    }

    void request(HttpCall call) {
        if (requests) {
            LOG.infof("[%s] POST %s headers=%s body=%s", label, call.path(), masked(call.headers()), call.body());
        }
    }

    void response(int status, String body) {
        if (responses) {
            LOG.infof("[%s] HTTP %d body=%s", label, status, body);
        }
    }

    void event(StreamEvent event) {
        if (responses) {
            LOG.infof("[%s] event=%s data=%s", label, event.event(), event.data());
        }
    }

    /** The headers with the values of credential-carrying headers replaced by {@code ***}. */
    static Map<String, String> masked(Map<String, String> headers) {
        Map<String, String> masked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> masked.put(name, isSecret(name) ? "***" : value));
        return masked;
    }

    private static boolean isSecret(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return SECRET_HEADER_PARTS.stream().anyMatch(name::contains);
    }
}
