package dev.chatmodels.quarkus.deployment.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;

/**
 * The floor: a Chat Completions client written directly on the Vert.x HTTP client the REST Client runs on, doing the
 * same JSON work ({@link ChatCompletionsJson}) and reading SSE line by line, with keep-alive pools as large in all as
 * the model's.
 * <p>
 * It is used the way a Vert.x application uses a client, one per verticle instance, each called only on its own event
 * loop: a Vert.x 4 HTTP/1 response whose request was made on another context than its connection's can deliver its
 * first chunks before the caller has set a handler, losing them (streams started from the test thread did). A call
 * made on one of these event loops (as the throughput lanes make theirs) stays there; any other call goes to the next
 * one in turn.
 */
final class RawVertxClient implements AutoCloseable {

    private final Vertx vertx;
    private final List<Loop> loops = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final String deployment;

    /**
     * A client of the API at {@code baseUri} (which may have a path, such as {@code /v1}) on {@code eventLoops}
     * event loops, with {@code connections} connections in all.
     */
    RawVertxClient(Vertx vertx, URI baseUri, String apiKey, int connections, int eventLoops) {
        this.vertx = vertx;
        String path = baseUri.getPath() + ChatCompletionsJson.PATH;
        String authorization = "Bearer " + apiKey;
        try {
            this.deployment = vertx.deployVerticle(() -> new AbstractVerticle() {
                @Override
                public void start() {
                    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(baseUri.getHost())
                            .setDefaultPort(baseUri.getPort()).setKeepAlive(true).setTcpNoDelay(true),
                            new PoolOptions().setHttp1MaxSize(Math.max(1, connections / eventLoops)));
                    loops.add(new Loop(context, client, path, authorization));
                }
            }, new DeploymentOptions().setInstances(eventLoops)).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the raw Vert.x client", e);
        }
    }

    TimedCall invoke(Prompt prompt) {
        return () -> {
            long start = System.nanoTime();
            CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
            onLoop(loop -> loop.invoke(prompt, start, outcome));
            return outcome;
        };
    }

    TimedCall stream(Prompt prompt) {
        return () -> {
            long start = System.nanoTime();
            CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
            onLoop(loop -> loop.stream(prompt, start, outcome));
            return outcome;
        };
    }

    /** Runs {@code call} on the current event loop if it is one of this client's, else on the next one in turn. */
    private void onLoop(Consumer<Loop> call) {
        Context current = Vertx.currentContext();
        for (Loop loop : loops) {
            if (loop.context == current) {
                call.accept(loop);
                return;
            }
        }
        Loop loop = loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
        loop.context.runOnContext(ignored -> call.accept(loop));
    }

    @Override
    public void close() {
        vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The HTTP client of one event loop. */
    private record Loop(Context context, HttpClient client, String path, String authorization) {

        void invoke(Prompt prompt, long start, CompletableFuture<CallOutcome> outcome) {
            String body = ChatCompletionsJson.requestBody(prompt, false);
            client.request(request("application/json"))
                    .compose(request -> request.send(body))
                    .compose(RawVertxClient::ok)
                    .compose(HttpClientResponse::body)
                    .onSuccess(answer -> outcome.complete(
                            CallOutcome.whole(ChatCompletionsJson.answerText(answer.toString()), start)))
                    .onFailure(outcome::completeExceptionally);
        }

        void stream(Prompt prompt, long start, CompletableFuture<CallOutcome> outcome) {
            String body = ChatCompletionsJson.requestBody(prompt, true);
            client.request(request("text/event-stream"))
                    .compose(request -> request.send(body))
                    .compose(RawVertxClient::ok)
                    .onSuccess(response -> new SseReader(new StreamedText(start), outcome).read(response))
                    .onFailure(outcome::completeExceptionally);
        }

        private RequestOptions request(String accept) {
            return new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                    .putHeader("content-type", "application/json")
                    .putHeader("accept", accept)
                    .putHeader("authorization", authorization);
        }
    }

    private static Future<HttpClientResponse> ok(HttpClientResponse response) {
        return response.statusCode() == 200 ? Future.succeededFuture(response)
                : Future.failedFuture("HTTP " + response.statusCode());
    }

    /** Reads one SSE answer: lines, {@code data} fields gathered until the blank line ending each event. */
    private static final class SseReader {
        private final StreamedText text;
        private final CompletableFuture<CallOutcome> outcome;
        private final StringBuilder data = new StringBuilder();

        SseReader(StreamedText text, CompletableFuture<CallOutcome> outcome) {
            this.text = text;
            this.outcome = outcome;
        }

        void read(HttpClientResponse response) {
            RecordParser.newDelimited("\n", response)
                    .exceptionHandler(outcome::completeExceptionally)
                    .endHandler(ended -> {
                        dispatch();
                        outcome.complete(text.end());
                    })
                    .handler(line -> {
                        try {
                            line(line);
                        } catch (RuntimeException e) {
                            outcome.completeExceptionally(e);
                        }
                    });
        }

        private void line(Buffer bytes) {
            String line = bytes.toString(StandardCharsets.UTF_8);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
            }
        }

        private void dispatch() {
            if (data.isEmpty()) {
                return;
            }
            String event = data.toString();
            data.setLength(0);
            if (event.equals(ChatCompletionsJson.DONE)) {
                return;
            }
            text.add(ChatCompletionsJson.deltaText(event));
        }
    }
}
