package dev.chatmodels.quarkus.runtime.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import dev.chatmodels.error.SecretRedactor;

/**
 * How one model's HTTP client connects: equal settings share one client and its connection pool.
 *
 * @param label the name the model goes by in logs
 * @param baseUri the provider's base URL; request paths are relative to it
 * @param readTimeout the longest wait for the next bytes of an answer
 * @param maxConnections the size of the keep-alive connection pool
 * @param logBodyLimit the most characters of a body or event logged
 * @param secrets the model's secrets, redacted from what is logged
 */
public record TransportSettings(String label, URI baseUri, Duration connectTimeout, Duration readTimeout,
        Optional<ProxyAddress> proxy, int maxConnections, boolean logRequests, boolean logResponses, int logBodyLimit,
        SecretRedactor secrets) {
}
