package dev.chatmodels.quarkus.deployment.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.spi.ConfigSource;

import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.SseFixtures;
import dev.chatmodels.transport.StreamEvent;

/**
 * Gives the benchmark application the URL of its {@link ReplayServer} as {@code replay-server.url}. Like the
 * stand-in's config source, it holds the one server that the application's configuration and the benchmark (both
 * loaded by the application's class loader) share; the server starts on first use, which the build never asks for.
 */
public class ReplayServerConfigSource implements ConfigSource {

    static final String INVOKE_FIXTURE = "text_nonstream.response.json";
    static final String STREAM_FIXTURE = "text_stream_include_usage_2.response.sse";
    /** Events of the long stream (one of them {@code [DONE]}), as in the figures. */
    static final int LONG_STREAM_EVENTS = 200;
    /** Text events of the short stream; with the role, finish, usage and {@code [DONE]} events it has 5. */
    static final int SHORT_STREAM_TEXTS = 1;
    private static final String URL = "replay-server.url";
    private static ReplayServer server;

    /** The replay server of this application, started on first use. */
    static synchronized ReplayServer server() {
        if (server == null) {
            server = ReplayServer.start(Fixtures.read("openai-chat", INVOKE_FIXTURE),
                    stream(LONG_STREAM_EVENTS - 4), stream(SHORT_STREAM_TEXTS));
        }
        return server;
    }

    /**
     * The recorded stream with {@code texts} text events: its role event, its text events repeated as often as needed,
     * then its finish, usage and {@code [DONE]} events.
     */
    static String stream(int texts) {
        List<StreamEvent> recorded = SseFixtures.parse(Fixtures.read("openai-chat", STREAM_FIXTURE));
        List<StreamEvent> recordedTexts = recorded.subList(1, recorded.size() - 3);
        List<StreamEvent> events = new ArrayList<>();
        events.add(recorded.get(0));
        for (int i = 0; i < texts; i++) {
            events.add(recordedTexts.get(i % recordedTexts.size()));
        }
        events.addAll(recorded.subList(recorded.size() - 3, recorded.size()));
        return events.stream().map(event -> "data: " + event.data() + "\n\n").collect(Collectors.joining());
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
