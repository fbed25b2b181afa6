package dev.chatmodels.quarkus.deployment.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A loopback HTTP server for the benchmark that replays a recorded OpenAI answer as fast as Vert.x can: the JSON answer
 * to a request, or the recorded SSE stream, one flush per event as a provider sends tokens, when the request body has
 * {@code "stream":true}. Every client under measurement calls this one server, so its cost is the same for all.
 * <p>
 * The first segment of the request path names the client ({@code /raw/v1/chat/completions}): the server counts, per
 * client, the connections it opened and the most requests it had in flight at once.
 */
final class ReplayServer implements AutoCloseable {

    private static final String STREAM_FLAG = "\"stream\":true";

    private final Vertx vertx;
    private final HttpServer server;
    private final Buffer answer;
    private final List<Buffer> events;
    private final Set<HttpConnection> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, ClientCounters> clients = new ConcurrentHashMap<>();

    private ReplayServer(Vertx vertx, HttpServer server, String answer, String sse) {
        this.vertx = vertx;
        this.server = server;
        this.answer = Buffer.buffer(answer);
        this.events = splitEvents(sse);
    }

    /** Starts a server on 127.0.0.1 and an ephemeral port, with its own two event loops. */
    static ReplayServer start(String answer, String sse) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true).setIdleTimeout(0));
        ReplayServer replay = new ReplayServer(vertx, server, answer, sse);
        server.connectionHandler(connection -> connection.closeHandler(closed -> replay.seen.remove(connection)))
                .requestHandler(replay::answer);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("Cannot start the benchmark's replay server", e);
        }
        return replay;
    }

    /** {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** How many events the replayed stream has. */
    int eventCount() {
        return events.size();
    }

    /** The counters of the client whose requests start with {@code /<client>/}. */
    ClientCounters client(String client) {
        return clients.computeIfAbsent(client, c -> new ClientCounters());
    }

    private void answer(HttpServerRequest request) {
        String path = request.path();
        ClientCounters client = client(path.substring(1, Math.max(1, path.indexOf('/', 1))));
        if (seen.add(request.connection())) {
            client.connections.incrementAndGet();
        }
        client.requestStarted();
        request.body().onSuccess(body -> {
            HttpServerResponse response = request.response();
            response.endHandler(ended -> client.inFlight.decrementAndGet());
            if (body.toString().contains(STREAM_FLAG)) {
                response.setChunked(true).putHeader("content-type", "text/event-stream");
                sendEvents(response, Vertx.currentContext(), 0);
            } else {
                response.putHeader("content-type", "application/json").end(answer);
            }
        });
    }

    /** Writes event {@code next}, then the following one in a later event-loop task, so that each is flushed alone. */
    private void sendEvents(HttpServerResponse response, Context context, int next) {
        if (next == events.size()) {
            response.end();
            return;
        }
        response.write(events.get(next));
        context.runOnContext(ignored -> sendEvents(response, context, next + 1));
    }

    /** The events of a recorded SSE stream, each with its blank line. */
    private static List<Buffer> splitEvents(String sse) {
        List<Buffer> events = new ArrayList<>();
        for (String event : sse.replace("\r\n", "\n").split("\n\n")) {
            if (!event.isBlank()) {
                events.add(Buffer.buffer(event.strip() + "\n\n"));
            }
        }
        return events;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** What the server saw of one client. */
    static final class ClientCounters {
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger peakInFlight = new AtomicInteger();

        private void requestStarted() {
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }

        /** How many connections the client opened so far. */
        int connections() {
            return connections.get();
        }

        /** The most requests of the client in flight at once since the last {@link #resetPeak()}. */
        int peakInFlight() {
            return peakInFlight.get();
        }

        void resetPeak() {
            peakInFlight.set(inFlight.get());
        }
    }
}
