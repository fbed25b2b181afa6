package dev.chatmodels.quarkus.runtime.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import dev.chatmodels.transport.HttpStatusException;

/**
 * Turns every non-2xx answer, streamed or not, into an {@link HttpStatusException} with the status, headers and error
 * body the provider codec needs. The REST Client reads the whole body of an error answer before mappers run, so this
 * never blocks.
 */
final class HttpStatusExceptionMapper implements ResponseExceptionMapper<HttpStatusException> {

    private final TransportLog log;

    HttpStatusExceptionMapper(TransportLog log) {
        this.log = log;
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        // status 0: no answer at all (connection refused or reset); the I/O failure itself must reach the caller
        return status > 0 && (status < 200 || status >= 300);
    }

    @Override
    public HttpStatusException toThrowable(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        log.response(response.getStatus(), body);
        return new HttpStatusException(response.getStatus(), lowerCaseNames(response.getStringHeaders()), body);
    }

    /** Response headers keyed by lower-case name, as the codecs expect them. */
    static Map<String, List<String>> lowerCaseNames(MultivaluedMap<String, String> headers) {
        Map<String, List<String>> lowerCased = new LinkedHashMap<>();
        headers.forEach((name, values) -> lowerCased.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
        return lowerCased;
    }
}
