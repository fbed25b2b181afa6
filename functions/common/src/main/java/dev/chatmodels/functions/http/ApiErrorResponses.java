package dev.chatmodels.functions.http;

import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.functions.openai.ApiException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place the functions write an error answer: an OpenAI error body for the API's own errors and, as a last
 * resort, for unexpected failures, which are logged with an id and never show a stack trace to the client.
 */
public final class ApiErrorResponses {

    private static final Logger LOG = Logger.getLogger(ApiErrorResponses.class);

    private ApiErrorResponses() {
    }

    /**
     * The error to answer a failure with. An API error on the server's side (a provider failing) is logged as one
     * warning; the client's own errors are not logged; anything else is {@link #unexpected}.
     */
    public static ApiError of(Throwable failure) {
        if (failure instanceof ApiException exception) {
            if (exception.error().status() >= 500) {
                LOG.warnf("Answered %d: %s (%s)", exception.error().status(), exception.getMessage(),
                        providerSide(exception.getCause()));
            }
            return exception.error();
        }
        return unexpected(failure);
    }

    /** Answers with {@code error}; an answer that has already begun can only be ended. */
    public static Future<Void> send(HttpServerResponse response, ApiError error) {
        if (response.headWritten()) {
            return response.ended() ? Future.succeededFuture() : response.end();
        }
        response.setStatusCode(error.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        error.headers().forEach(response::putHeader);
        return response.end(error.toJson().toString());
    }

    /**
     * Answers with {@code error} a request whose body is not (entirely) read: the rest of the body is dropped as it
     * comes. Over HTTP/1.x the connection closes once the answer is out; over HTTP/2 the answer ends the stream, and
     * clients stop sending (a reset after it, even with {@code NO_ERROR}, made curl drop the answer).
     */
    public static void sendUnread(RoutingContext context, ApiError error) {
        HttpServerRequest request = context.request();
        if (!request.isEnded()) {
            request.handler(ignored -> {
            });
            request.resume();
            if (request.version() != HttpVersion.HTTP_2) {
                // Connection-specific headers are forbidden in HTTP/2 (RFC 9113, 8.2.2).
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
        }
        send(context.response(), error);
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
}
