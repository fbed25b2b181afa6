package dev.chatmodels.quarkus.runtime.transport;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

/**
 * Adds a call's headers, the {@code Map} argument of the {@link ProviderApi} method, to the request: the REST Client
 * has no parameter annotation for headers whose names are only known at run time.
 */
final class CallHeadersFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getProperty(RestClientRequestContext.INVOKED_METHOD_PARAMETERS_PROP) instanceof List<?> arguments) {
            for (Object argument : arguments) {
                if (argument instanceof Map<?, ?> headers) {
                    headers.forEach((name, value) -> request.getHeaders().putSingle((String) name, value));
                }
            }
        }
    }
}
