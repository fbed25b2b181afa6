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
 * to a request, or an SSE stream, one flush per event as a provider sends tokens, when the request body has
 * {@code "stream":true}. Every client under measurement calls this one server, so its cost is the same for all.
 * <p>
 * The first segment of the request path names the client and a variant ({@code /raw/v1/chat/completions},
 * {@code /raw-short/v1/...}): the server counts the connections each client opened; the variant {@value #SHORT} gets the
 * short stream, {@value #SLOW} its answer after {@value #SLOW_MILLIS} ms, as a real provider would take.
 */
final class ReplayServer implements AutoCloseable {

    private static final String STREAM_FLAG = "\"stream\":true";
    static final String SHORT = "short";
    static final String SLOW = "slow";
    static final long SLOW_MILLIS = 50;

    private final Vertx vertx;
    private final HttpServer server;
    private final Buffer answer;
    private final List<Buffer> events;
    private final List<Buffer> shortEvents;
    private final Set<HttpConnection> seen = ConcurrentHashMap.newKeySet();
    private final Set<Long> threads = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();

    private ReplayServer(Vertx vertx, HttpServer server, String answer, String sse, String shortSse) {
        this.vertx = vertx;
        this.server = server;
        this.answer = Buffer.buffer(answer);
        this.events = splitEvents(sse);
        this.shortEvents = splitEvents(shortSse);
    }

    /** Starts a server on 127.0.0.1 and an ephemeral port, with its own two event loops. */
    static ReplayServer start(String answer, String sse, String shortSse) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true).setIdleTimeout(0));
        ReplayServer replay = new ReplayServer(vertx, server, answer, sse, shortSse);
        server.connectionHandler(connection -> {
            replay.threads.add(Thread.currentThread().getId());
            connection.closeHandler(closed -> replay.seen.remove(connection));
        })
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

    /** The threads the server ran on so far: the benchmark leaves their cost out of the clients'. */
    Set<Long> threads() {
        return threads;
    }

    /** How many connections the client whose requests start with {@code /<client>/} opened so far. */
    int connections(String client) {
        return counter(client).get();
    }

    private AtomicInteger counter(String client) {
        return connections.computeIfAbsent(client, c -> new AtomicInteger());
    }

    private void answer(HttpServerRequest request) {
        String path = request.path();
        String client = path.substring(1, Math.max(1, path.indexOf('/', 1)));
        if (seen.add(request.connection())) {
            counter(client).incrementAndGet();
        }
        request.body().onSuccess(body -> {
            HttpServerResponse response = request.response();
            if (body.toString().contains(STREAM_FLAG)) {
                response.setChunked(true).putHeader("content-type", "text/event-stream");
                sendEvents(response, client.endsWith("-" + SHORT) ? shortEvents : events, Vertx.currentContext(), 0);
            } else if (client.endsWith("-" + SLOW)) {
                vertx.setTimer(SLOW_MILLIS, fired -> response.putHeader("content-type", "application/json").end(answer));
            } else {
                response.putHeader("content-type", "application/json").end(answer);
            }
        });
    }

    /** Writes event {@code next}, then the following one in a later event-loop task, so that each is flushed alone. */
    private void sendEvents(HttpServerResponse response, List<Buffer> events, Context context, int next) {
        if (next == events.size()) {
            response.end();
            return;
        }
        response.write(events.get(next));
        context.runOnContext(ignored -> sendEvents(response, events, context, next + 1));
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
}
