package dev.chatmodels.quarkus.runtime.transport;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.HttpStatusException;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.transport.StreamFormat;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Future;
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

/**
 * Streams answers over a Vert.x {@link HttpClient} of its own, with the settings of the transport's REST client: a
 * keep-alive pool of {@code maxConnections}, the connect timeout, the read timeout as the longest silence, the proxy.
 * A stream that ends leaves its connection in the pool; a cancelled one resets its request, which closes the
 * connection: a connection in the middle of an answer cannot serve another request.
 */
final class StreamClient {

    private final Vertx vertx;
    private final HttpClient client;
    private final String basePath;
    private final long readTimeoutMillis;
    private final TransportLog log;

    StreamClient(Vertx vertx, TransportSettings settings, TransportLog log) {
        URI base = settings.baseUri();
        boolean https = "https".equalsIgnoreCase(base.getScheme());
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : https ? 443 : 80)
                .setSsl(https)
                .setForceSni(https)
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
        settings.proxy().ifPresent(proxy -> {
            ProxyOptions proxyOptions = new ProxyOptions().setType(ProxyType.HTTP).setHost(proxy.host())
                    .setPort(proxy.port());
            proxy.user().ifPresent(proxyOptions::setUsername);
            proxy.password().ifPresent(proxyOptions::setPassword);
            options.setProxyOptions(proxyOptions);
        });
        this.vertx = vertx;
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.maxConnections()));
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.readTimeoutMillis = settings.readTimeout().toMillis();
        this.log = log;
    }

    Multi<StreamEvent> stream(HttpCall call, StreamFormat format) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<HttpClientRequest> request = new AtomicReference<>();
            emitter.onCancellation(() -> {
                HttpClientRequest sent = request.getAndSet(null);
                if (sent != null) {
                    sent.reset();
                }
            });
            // A Vert.x 4 HTTP/1 response delivers its chunks on the request's context: its handlers must be set on
            // that context, in the task that receives the response, or the first chunks can pass before them.
            Context context = vertx.getOrCreateContext();
            if (Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
                send(call, format, emitter, request);
            } else {
                context.runOnContext(ignored -> send(call, format, emitter, request));
            }
        });
    }

    private void send(HttpCall call, StreamFormat format, MultiEmitter<? super StreamEvent> emitter,
            AtomicReference<HttpClientRequest> current) {
        if (emitter.isCancelled()) {
            return;
        }
        log.request(call);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setURI(basePath + (call.path().startsWith("/") ? "" : "/") + call.path())
                .setIdleTimeout(readTimeoutMillis)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, format == StreamFormat.SSE ? "text/event-stream" : "application/x-ndjson");
        call.headers().forEach(options::putHeader);
        client.request(options)
                .compose(request -> {
                    current.set(request);
                    if (emitter.isCancelled() && current.getAndSet(null) != null) {
                        request.reset();
                        return Future.failedFuture("The stream was cancelled");
                    }
                    return request.send(call.body());
                })
                .onSuccess(response -> read(response, format, emitter))
                .onFailure(failure -> fail(emitter, failure));
    }

    private void read(HttpClientResponse response, StreamFormat format, MultiEmitter<? super StreamEvent> emitter) {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            response.body().onSuccess(body -> {
                String text = body.toString();
                log.response(status, text);
                emitter.fail(new HttpStatusException(status, HttpStatusExceptionMapper.lowerCaseNames(
                        response.headers().names(), response.headers()::getAll), text));
            }).onFailure(failure -> fail(emitter, failure));
            return;
        }
        Consumer<StreamEvent> events = event -> {
            log.event(event);
            emitter.emit(event);
        };
        LineSplitter lines = new LineSplitter(format == StreamFormat.SSE ? new SseParser(events)::line : line -> {
            if (!line.isBlank()) {
                events.accept(new StreamEvent(null, line));
            }
        });
        response.exceptionHandler(failure -> fail(emitter, failure))
                .handler(lines::feed)
                .endHandler(ended -> {
                    lines.end();
                    emitter.complete();
                });
    }

    /** Fails the stream, unless it was cancelled: then the failure is only the reset that cancelling caused. */
    private static void fail(MultiEmitter<?> emitter, Throwable failure) {
        if (!emitter.isCancelled()) {
            emitter.fail(failure);
        }
    }

    /** Closes the pooled connections. */
    void close() {
        client.close();
    }
}
