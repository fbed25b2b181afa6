package dev.chatmodels.functions.http;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Logs what goes wrong on a client's connection (a reset, a broken HTTP/2 frame) as one line, instead of the ERROR with
 * a stack trace Vert.x logs for a connection without an exception handler: that is the client's doing, and each client
 * could otherwise write one into the log per connection.
 */
@ApplicationScoped
public class ClientConnections {

    private static final Logger LOG = Logger.getLogger(ClientConnections.class);

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER - 2).handler(this::watch);
    }

    private void watch(RoutingContext context) {
        if (context.request().connection() != null) {
            context.request().connection().exceptionHandler(ClientConnections::log);
        }
        context.next();
    }

    private static void log(Throwable failure) {
        if (failure instanceof IOException) {
            LOG.debugf("A client connection broke: %s", failure);
        } else {
            LOG.infof("A client connection failed: %s", failure);
        }
    }
}
