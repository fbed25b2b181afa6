package dev.chatmodels.quarkus.runtime.transport;

import java.io.Closeable;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.chatmodels.transport.ChatTransport;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.HttpResult;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.transport.StreamFormat;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.core.tracing.TracingPolicy;

/**
 * A {@link ChatTransport} on one Vert.x {@link HttpClient} per {@link TransportSettings}, on the application's Vert.x:
 * invokes and streams share one keep-alive pool of {@code maxConnections}, with the connect timeout, the read timeout
 * as the longest silence, and the proxy. Nothing blocks: answers arrive on the Vert.x event loop.
 * <p>
 * Why not the Quarkus REST Client for invokes: measured against a raw Vert.x client doing the same JSON work, it cost
 * about 2x per invoke (URI template, message-body writer lookup and headers copied on every call), and it closes the
 * connection of every streamed answer (see README, Performance).
 * <p>
 * A stream that ends leaves its connection in the pool; a call given up (cancelled or timed out) before its answer is
 * read resets its request, which closes the connection.
 */
public final class VertxTransport implements ChatTransport, Closeable {

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
    private static final CharSequence NDJSON = HttpHeaders.createOptimized("application/x-ndjson");

    private final Vertx vertx;
    private final HttpClient client;
    private final String basePath;
    private final long readTimeoutMillis;
    private final TransportLog log;

    private VertxTransport(Vertx vertx, HttpClient client, String basePath, long readTimeoutMillis, TransportLog log) {
        this.vertx = vertx;
        this.client = client;
        this.basePath = basePath;
        this.readTimeoutMillis = readTimeoutMillis;
        this.log = log;
    }

    /** A transport with its own connection pool on {@code vertx}; close it to release its connections. */
    public static VertxTransport create(Vertx vertx, TransportSettings settings) {
        URI base = settings.baseUri();
        boolean https = "https".equalsIgnoreCase(base.getScheme());
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : https ? 443 : 80)
                .setSsl(https)
                .setForceSni(https)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                // the extension's tracing puts the chat span's context on each request: no second span from Vert.x
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
        settings.proxy().ifPresent(proxy -> {
            ProxyOptions proxyOptions = new ProxyOptions().setType(ProxyType.HTTP).setHost(proxy.host())
                    .setPort(proxy.port());
            proxy.user().ifPresent(proxyOptions::setUsername);
            proxy.password().ifPresent(proxyOptions::setPassword);
            options.setProxyOptions(proxyOptions);
        });
        HttpClient client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.maxConnections()));
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        TransportLog log = new TransportLog(settings);
        return new VertxTransport(vertx, client, path.endsWith("/") ? path.substring(0, path.length() - 1) : path,
                settings.readTimeout().toMillis(), log);
    }

    @Override
    public Uni<HttpResult> post(HttpCall call) {
        return Uni.createFrom().emitter(emitter -> {
            PendingRequest pending = new PendingRequest();
            emitter.onTermination(pending::cancel);
            onContext(() -> send(call, JSON, pending)
                    .compose(response -> response.body().map(body -> {
                        pending.finished();
                        String text = body.toString();
                        log.response(response.statusCode(), text);
                        if (ErrorAnswer.isError(response.statusCode())) {
                            throw ErrorAnswer.of(response.statusCode(), response.headers(), text);
                        }
                        return new HttpResult(response.statusCode(), new VertxHeaderView(response.headers()),
                                text);
                    }))
                    .onComplete(answer -> {
                        if (answer.succeeded()) {
                            emitter.complete(answer.result());
                        } else if (!pending.isCancelled()) {
                            emitter.fail(answer.cause());
                        }
                    }));
        });
    }

    @Override
    public Multi<StreamEvent> stream(HttpCall call, StreamFormat format) {
        return stream(call, format, List::of);
    }

    @Override
    public <T> Multi<T> stream(HttpCall call, StreamFormat format, Function<StreamEvent, List<T>> decode) {
        return Multi.createFrom().emitter(emitter -> {
            PendingRequest pending = new PendingRequest();
            emitter.onCancellation(pending::cancel);
            onContext(() -> send(call, format == StreamFormat.SSE ? EVENT_STREAM : NDJSON, pending)
                    .onSuccess(response -> read(response, format, decode, emitter, pending))
                    .onFailure(failure -> fail(emitter, pending, failure)));
        });
    }

    /**
     * Runs {@code task} on a Vert.x context: a Vert.x 4 HTTP/1 response delivers its chunks on the request's context,
     * so its handlers must be set on that context, in the task that receives the response, or the first chunks can pass
     * before them.
     */
    private void onContext(Runnable task) {
        Context context = vertx.getOrCreateContext();
        if (Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }

    private Future<HttpClientResponse> send(HttpCall call, CharSequence accept, PendingRequest pending) {
        if (pending.isCancelled()) {
            return Future.failedFuture("The call was cancelled");
        }
        log.request(call);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setURI(basePath + (call.path().startsWith("/") ? "" : "/") + call.path())
                .setIdleTimeout(readTimeoutMillis);
        return client.request(options).compose(request -> {
            if (!pending.made(request)) {
                return Future.failedFuture("The call was cancelled");
            }
            headers(request, call, accept);
            return request.send(call.body());
        });
    }

    private static void headers(HttpClientRequest request, HttpCall call, CharSequence accept) {
        request.putHeader(HttpHeaders.CONTENT_TYPE, JSON).putHeader(HttpHeaders.ACCEPT, accept);
        call.headers().forEach(request::putHeader);
    }

    private <T> void read(HttpClientResponse response, StreamFormat format, Function<StreamEvent, List<T>> decode,
            MultiEmitter<? super T> emitter, PendingRequest pending) {
        int status = response.statusCode();
        if (ErrorAnswer.isError(status)) {
            response.body().onSuccess(body -> {
                pending.finished();
                String text = body.toString();
                log.response(status, text);
                emitter.fail(ErrorAnswer.of(status, response.headers(), text));
            }).onFailure(failure -> fail(emitter, pending, failure));
            return;
        }
        Consumer<StreamEvent> events = event -> {
            log.event(event);
            if (emitter.isCancelled()) {
                return;
            }
            List<T> items;
            try {
                items = decode.apply(event);
            } catch (RuntimeException e) {
                pending.cancel();
                emitter.fail(e);
                return;
            }
            for (T item : items) {
                emitter.emit(item);
            }
        };
        LineSplitter lines = new LineSplitter(format == StreamFormat.SSE ? new SseParser(events) : new NdjsonLines(events));
        Handler<Void> ended = ignored -> {
            pending.finished();
            lines.end();
            emitter.complete();
        };
        response.exceptionHandler(failure -> fail(emitter, pending, failure))
                .handler(lines::feed)
                .endHandler(ended);
    }

    /**
     * Fails the stream, unless it already ended (a connection reports its close more than once), was read to its end
     * (then the connection closing after it is no failure of the stream) or was given up (then the failure is only the
     * reset that giving up caused).
     */
    private static void fail(MultiEmitter<?> emitter, PendingRequest pending, Throwable failure) {
        if (!emitter.isCancelled() && pending.isOpen()) {
            emitter.fail(failure);
        }
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        client.close();
    }
}
