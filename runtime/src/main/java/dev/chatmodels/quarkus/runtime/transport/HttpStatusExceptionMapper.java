package dev.chatmodels.quarkus.runtime.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import dev.chatmodels.transport.HttpStatusException;

/**
 * Turns every non-2xx answer to an invoke into an {@link HttpStatusException} with the status, headers and error
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
        MultivaluedMap<String, String> headers = response.getStringHeaders();
        return new HttpStatusException(response.getStatus(), lowerCaseNames(headers.keySet(), headers::get), body);
    }

    /** Response headers keyed by lower-case name, as the codecs expect them. */
    static Map<String, List<String>> lowerCaseNames(Iterable<String> names, Function<String, List<String>> values) {
        Map<String, List<String>> lowerCased = new LinkedHashMap<>();
        for (String name : names) {
            lowerCased.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values.apply(name));
        }
        return lowerCased;
    }
}
