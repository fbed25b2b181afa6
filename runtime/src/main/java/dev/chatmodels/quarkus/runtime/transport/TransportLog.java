package dev.chatmodels.quarkus.runtime.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.StreamEvent;

/**
 * Logs one model's requests and answers at INFO in the category {@code dev.chatmodels.http}, when the model's
 * {@code log-requests} / {@code log-responses} is on. Values of headers that carry credentials are masked; bodies and
 * events are cut to {@code log-body-limit} characters and the model's secrets are redacted from them (a provider may
 * echo a key in an error body).
 */
final class TransportLog {

    static final String CATEGORY = "dev.chatmodels.http";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final String label;
    private final boolean requests;
    private final boolean responses;
    private final int bodyLimit;
    private final SecretRedactor secrets;

    TransportLog(TransportSettings settings) {
        this.label = settings.label();
        this.requests = settings.logRequests();
        this.responses = settings.logResponses();
        this.bodyLimit = settings.logBodyLimit();
        this.secrets = settings.secrets();
    }

    /** Logs a request with the authentication headers computed for it ({@code auth}, masked like the others). */
    void request(HttpCall call, Map<String, String> auth) {
        if (requests) {
            Map<String, String> headers = call.headers();
            if (!auth.isEmpty()) {
                headers = new LinkedHashMap<>(headers);
                headers.putAll(auth);
            }
            LOG.infof("[%s] POST %s headers=%s body=%s", label, call.path(), masked(headers), loggable(call.body()));
        }
    }

    void response(int status, String body) {
        if (responses) {
            LOG.infof("[%s] HTTP %d body=%s", label, status, loggable(body));
        }
    }

    void event(StreamEvent event) {
        if (responses) {
            LOG.infof("[%s] event=%s data=%s", label, loggable(event.event()), loggable(event.data()));
        }
    }

    /** The headers with the values of credential-carrying headers replaced by {@code ***}, the others redacted. */
    Map<String, String> masked(Map<String, String> headers) {
        Map<String, String> masked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> masked.put(name, SecretRedactor.isSecretHeader(name) ? "***" : secrets.redact(value)));
        return masked;
    }

    /**
     * A body as logged: cut to the limit (only the part logged is scanned, so a huge body costs nothing more), with a
     * marker of how much was left out, and redacted.
     */
    String loggable(String body) {
        if (body == null || body.length() <= bodyLimit) {
            return secrets.redact(body);
        }
        int end = bodyLimit > 0 && Character.isHighSurrogate(body.charAt(bodyLimit - 1)) ? bodyLimit - 1 : bodyLimit;
        return secrets.redact(body.substring(0, end)) + "… [cut " + (body.length() - end) + " characters]";
    }
}
