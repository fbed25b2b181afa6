package dev.chatmodels.quarkus.deployment.bench;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import dev.chatmodels.testing.Fixtures;

/**
 * Gives the benchmark application the URL of its {@link ReplayServer} as {@code replay-server.url}. Like the
 * stand-in's config source, it holds the one server that the application's configuration and the benchmark (both
 * loaded by the application's class loader) share; the server starts on first use, which the build never asks for.
 */
public class ReplayServerConfigSource implements ConfigSource {

    static final String INVOKE_FIXTURE = "text_nonstream.response.json";
    static final String STREAM_FIXTURE = "text_stream_include_usage_2.response.sse";
    private static final String URL = "replay-server.url";
    private static ReplayServer server;

    /** The replay server of this application, started on first use. */
    static synchronized ReplayServer server() {
        if (server == null) {
            server = ReplayServer.start(Fixtures.read("openai-chat", INVOKE_FIXTURE),
                    Fixtures.read("openai-chat", STREAM_FIXTURE));
        }
        return server;
    }

    static synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(URL);
    }

    @Override
    public String getValue(String propertyName) {
        return URL.equals(propertyName) ? server().baseUrl() : null;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getName() {
        return "benchmark replay server";
    }
}
