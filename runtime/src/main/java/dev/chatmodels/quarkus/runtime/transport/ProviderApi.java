package dev.chatmodels.quarkus.runtime.transport;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.rest.client.reactive.NotBody;
import io.smallrye.mutiny.Uni;

/**
 * A provider's HTTP API as the REST Client sees it, for answers that come whole (streams do not use it: see
 * {@link RestClientTransport}): JSON bodies POSTed to a path below the base URL. Bodies stay strings, as the codecs
 * produce and parse JSON themselves. {@code headers} are added to the request by
 * {@link CallHeadersFilter}; a non-2xx answer fails with the exception {@link HttpStatusExceptionMapper} makes.
 */
@Path("")
public interface ProviderApi {

    /** Sends a request and delivers the whole answer. */
    @POST
    @Path("{path}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> post(@RestPath @Encoded String path, @NotBody Map<String, String> headers, String body);
}
