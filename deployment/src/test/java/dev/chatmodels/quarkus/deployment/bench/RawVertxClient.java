package dev.chatmodels.quarkus.deployment.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
 * The floor: a Chat Completions client written directly on the Vert.x HTTP client the REST Client runs on, with a
 * keep-alive pool of the same size as the model's, doing the same JSON work ({@link ChatCompletionsJson}) and reading
 * SSE line by line.
 */
final class RawVertxClient implements AutoCloseable {

    private final HttpClient client;
    private final String path;
    private final String authorization;

    /** A client of the API at {@code baseUri} (which may have a path, such as {@code /v1}). */
    RawVertxClient(Vertx vertx, URI baseUri, String apiKey, int poolSize) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(baseUri.getHost())
                .setDefaultPort(baseUri.getPort()).setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(poolSize));
        this.path = baseUri.getPath() + ChatCompletionsJson.PATH;
        this.authorization = "Bearer " + apiKey;
    }

    TimedCall invoke(Prompt prompt) {
        return () -> {
            long start = System.nanoTime();
            String body = ChatCompletionsJson.requestBody(prompt, false);
            return client.request(request("application/json"))
                    .compose(request -> request.send(body))
                    .compose(RawVertxClient::ok)
                    .compose(HttpClientResponse::body)
                    .map(answer -> CallOutcome.whole(ChatCompletionsJson.answerText(answer.toString()), start))
                    .toCompletionStage();
        };
    }

    TimedCall stream(Prompt prompt) {
        return () -> {
            long start = System.nanoTime();
            String body = ChatCompletionsJson.requestBody(prompt, true);
            CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
            client.request(request("text/event-stream"))
                    .compose(request -> request.send(body))
                    .compose(RawVertxClient::ok)
                    .onFailure(outcome::completeExceptionally)
                    .onSuccess(response -> new SseReader(new StreamedText(start), outcome).read(response));
            return outcome;
        };
    }

    private RequestOptions request(String accept) {
        return new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                .putHeader("content-type", "application/json")
                .putHeader("accept", accept)
                .putHeader("authorization", authorization);
    }

    private static Future<HttpClientResponse> ok(HttpClientResponse response) {
        return response.statusCode() == 200 ? Future.succeededFuture(response)
                : Future.failedFuture("HTTP " + response.statusCode());
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
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
