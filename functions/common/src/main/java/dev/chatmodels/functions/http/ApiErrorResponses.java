package dev.chatmodels.functions.http;

import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.functions.openai.ApiException;

/**
 * Every error of the HTTP API as an OpenAI error body: the API's own errors, the framework's (unknown path, wrong
 * method or media type) and, as a last resort, unexpected failures, which are logged with an id and never show a stack
 * trace to the client.
 */
public class ApiErrorResponses {

    private static final Logger LOG = Logger.getLogger(ApiErrorResponses.class);

    private final SecretRedactor secrets;

    ApiErrorResponses(SecretRedactor secrets) {
        this.secrets = secrets;
    }

    @ServerExceptionMapper
    public Response apiError(ApiException exception) {
        if (exception.error().status() >= 500) {
            LOG.warnf("Answered %d: %s (%s)", exception.error().status(), secrets.redact(exception.getMessage()),
                    secrets.redact(providerSide(exception.getCause())));
        }
        return response(exception.error());
    }

    @ServerExceptionMapper
    public Response frameworkError(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return response(unexpected(exception));
        }
        return response(new ApiError(status, ApiError.INVALID_REQUEST, null, null,
                exception.getMessage() == null ? "HTTP " + status : exception.getMessage(), Map.of()));
    }

    @ServerExceptionMapper
    public Response unexpectedError(Throwable failure) {
        return response(unexpected(failure));
    }

    /**
     * The provider's side of a failure, which the client is not told, for the operator; without the provider's message
     * when it rejected the credentials, as that message may quote part of the key.
     */
    static String providerSide(Throwable cause) {
        if (cause instanceof AuthenticationException rejected) {
            return rejected.provider() + " returned HTTP " + rejected.status() + " " + rejected.errorCode()
                    + (rejected.requestId() == null ? "" : " [request id " + rejected.requestId() + "]");
        }
        return String.valueOf(cause);
    }

    /** A 500 whose id finds the failure, logged with its stack trace, in the function's log. */
    static ApiError unexpected(Throwable failure) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(failure, "Unexpected failure %s", id);
        return new ApiError(500, ApiError.SERVER, "internal_error", null,
                "The function failed unexpectedly; its log has the details under error id " + id + ".", Map.of());
    }

    static Response response(ApiError error) {
        Response.ResponseBuilder response = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error.toJson().toString());
        error.headers().forEach(response::header);
        return response.build();
    }
}
