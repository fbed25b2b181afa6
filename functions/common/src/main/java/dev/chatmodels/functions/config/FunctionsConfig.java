package dev.chatmodels.functions.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The chat functions' own settings; the models themselves are configured under {@code quarkus.chat-models}. Every key
 * is read at run time: set them as system properties ({@code -Dchat-functions.api-keys=...}) or environment variables
 * ({@code CHAT_FUNCTIONS_API_KEYS=...}) when deploying, without a rebuild.
 */
@ConfigMapping(prefix = "chat-functions")
public interface FunctionsConfig {

    /**
     * The API keys clients may use, comma-separated. When set, every request (except the health checks) needs
     * {@code Authorization: Bearer <one of the keys>} or gets a 401. When unset, the function is open to anyone who
     * can reach it, and start-up logs a warning. Several keys let you rotate them without downtime.
     */
    Optional<List<String>> apiKeys();

    /**
     * The largest request body accepted, of the HTTP API and of CloudEvents alike; a larger one gets a 413 error, at
     * once when its length is declared, as soon as the limit is passed when it is not (chunked, HTTP/2).
     */
    @WithDefault("4M")
    MemorySize maxBodySize();

    /**
     * How long a client has, from its request's headers, to send the whole body (HTTP API and CloudEvents alike). A
     * body still incomplete then gets a 408 error and, over HTTP/1.1, the connection is closed: a slow or stalled
     * client cannot hold connections and buffers for longer.
     */
    @WithDefault("30s")
    Duration bodyTimeout();

    /** The most messages one request may carry; more get a 400 error. */
    @WithDefault("256")
    int maxMessages();
}
