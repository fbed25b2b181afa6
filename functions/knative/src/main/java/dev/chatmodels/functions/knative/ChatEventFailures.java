package dev.chatmodels.functions.knative;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chatmodels.functions.openai.ApiException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a CloudEvent delivery that failed with an {@link ApiException} (a rate limit, a provider outage) with its
 * status, {@code retry-after} and OpenAI error body, instead of the generic 500 page, so the broker retries when the
 * provider asks it to.
 */
@ApplicationScoped
public class ChatEventFailures {

    void install(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        ApiException failure = apiException(context.failure());
        if (failure == null || context.response().headWritten()) {
            context.next();
            return;
        }
        var response = context.response().setStatusCode(failure.error().status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        failure.error().headers().forEach(response::putHeader);
        response.end(failure.error().toJson().toString());
    }

    /** The API error a failure carries: Funqy wraps what a function throws. */
    private static ApiException apiException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }
}
