package dev.chatmodels.quarkus.runtime.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.chatmodels.transport.HttpStatusException;
import io.vertx.core.MultiMap;

/**
 * A non-2xx answer, read whole, as the {@link HttpStatusException} the provider codec decodes. Only error answers pay
 * for copying the headers.
 */
final class ErrorAnswer {

    private ErrorAnswer() {
    }

    static boolean isError(int status) {
        return status < 200 || status >= 300;
    }

    static HttpStatusException of(int status, MultiMap headers, String body) {
        return new HttpStatusException(status, lowerCaseNames(headers), body);
    }

    /** Response headers keyed by lower-case name, as the codecs expect them. */
    private static Map<String, List<String>> lowerCaseNames(MultiMap headers) {
        Map<String, List<String>> lowerCased = new LinkedHashMap<>();
        headers.forEach((name, value) -> lowerCased.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .add(value));
        return lowerCased;
    }
}
