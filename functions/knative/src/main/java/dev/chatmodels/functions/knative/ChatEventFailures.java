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
        if (!(context.failure() instanceof ApiException failure) || context.response().headWritten()) {
            context.next();
            return;
        }
        var response = context.response().setStatusCode(failure.error().status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        failure.error().headers().forEach(response::putHeader);
        response.end(failure.error().toJson().toString());
    }
}
