package dev.chatmodels.functions.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.chatmodels.functions.config.FunctionsConfig;
import dev.chatmodels.functions.openai.ApiError;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks every request before anything reads its body: the API key when {@code chat-functions.api-keys} is set, and the
 * declared body size. It guards the HTTP API and the CloudEvents function alike; only the health checks stay open, for
 * the platform's probes.
 */
@ApplicationScoped
public class RequestGuard {

    private final List<byte[]> apiKeys;
    private final long maxBodySize;
    private final String healthPath;

    RequestGuard(FunctionsConfig config,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String nonApplicationRoot) {
        this.apiKeys = config.apiKeys().orElse(List.of()).stream()
                .filter(key -> !key.isBlank())
                .map(key -> ("Bearer " + key.trim()).getBytes(StandardCharsets.UTF_8))
                .toList();
        this.maxBodySize = config.maxBodySize().asLongValue();
        this.healthPath = "/" + nonApplicationRoot.replaceAll("^/+|/+$", "") + "/health";
    }

    /** Whether clients need an API key. */
    public boolean requiresApiKey() {
        return !apiKeys.isEmpty();
    }

    void install(@Observes Router router) {
        // Before the body handler, so an oversized body or an unauthenticated client is turned away unread.
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.equals(healthPath) || path.startsWith(healthPath + "/")) {
            context.next();
            return;
        }
        if (!authorized(context.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            reject(context, new ApiError(401, ApiError.AUTHENTICATION, "invalid_api_key", null,
                    "Missing or wrong API key: send the header 'Authorization: Bearer <key>' with a key this function"
                            + " accepts.",
                    Map.of("WWW-Authenticate", "Bearer")));
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > maxBodySize) {
            reject(context, ApiError.bodyTooLarge(maxBodySize));
            return;
        }
        context.next();
    }

    private boolean authorized(String header) {
        if (apiKeys.isEmpty()) {
            return true;
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = ("Bearer " + header.substring(7).trim()).getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        // Compares with every key in constant time, so timing tells nothing about the keys.
        for (byte[] key : apiKeys) {
            match |= MessageDigest.isEqual(key, given);
        }
        return match;
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void reject(RoutingContext context, ApiError error) {
        ApiErrorResponses.sendUnread(context, error);
    }
}
