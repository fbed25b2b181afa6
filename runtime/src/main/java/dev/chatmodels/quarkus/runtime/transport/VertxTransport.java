package dev.chatmodels.quarkus.runtime.transport;

import java.io.Closeable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.chatmodels.error.ProviderTimeoutException;
import dev.chatmodels.transport.ChatTransport;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.HttpResult;
import dev.chatmodels.transport.OutgoingRequest;
import dev.chatmodels.transport.StreamDeframer;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.transport.StreamFraming;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized(StreamFraming.SSE.mediaType());
    private static final CharSequence NDJSON = HttpHeaders.createOptimized(StreamFraming.NDJSON.mediaType());

    private final Vertx vertx;
    private final HttpClient client;
    /** {@code scheme://host[:port]} of the base URL: the start of the URI a request authenticator sees. */
    private final String origin;
    private final String basePath;
    private final long readTimeoutMillis;
    private final TransportLog log;
    /** What the client's own read timeout fails a call with: the same as the call's attempt timeout. */
    private final Supplier<ProviderTimeoutException> timedOut;

    private VertxTransport(Vertx vertx, HttpClient client, String origin, String basePath, long readTimeoutMillis,
            TransportLog log, Supplier<ProviderTimeoutException> timedOut) {
        this.vertx = vertx;
        this.client = client;
        this.origin = origin;
        this.basePath = basePath;
        this.readTimeoutMillis = readTimeoutMillis;
        this.log = log;
        this.timedOut = timedOut;
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
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        return new VertxTransport(vertx, client, origin, path.endsWith("/") ? path.substring(0, path.length() - 1) : path,
                settings.readTimeout().toMillis(), log,
                () -> ProviderTimeoutException.noAnswerWithin("'" + settings.label() + "'", settings.readTimeout()));
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
                            emitter.fail(timeoutAsSuch(answer.cause()));
                        }
                    }));
        });
    }

    @Override
    public Multi<StreamEvent> stream(HttpCall call, StreamFraming framing) {
        return stream(call, framing, List::of);
    }

    @Override
    public <T> Multi<T> stream(HttpCall call, StreamFraming framing, Function<StreamEvent, List<T>> decode) {
        return Multi.createFrom().emitter(emitter -> {
            PendingRequest pending = new PendingRequest();
            emitter.onCancellation(pending::cancel);
            onContext(() -> send(call, accept(framing), pending)
                    .onSuccess(response -> read(response, framing, decode, emitter, pending))
                    .onFailure(failure -> fail(emitter, pending, timeoutAsSuch(failure))));
        });
    }

    /**
     * The client's read timeout and the call's attempt timeout are the same duration on different timers: either may
     * fire first on a busy machine, and both mean the provider did not answer in time.
     */
    private Throwable timeoutAsSuch(Throwable failure) {
        return failure instanceof TimeoutException ? timedOut.get() : failure;
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

    private static CharSequence accept(StreamFraming framing) {
        if (framing == StreamFraming.SSE) {
            return EVENT_STREAM;
        }
        return framing == StreamFraming.NDJSON ? NDJSON : framing.mediaType();
    }

    private Future<HttpClientResponse> send(HttpCall call, CharSequence accept, PendingRequest pending) {
        if (pending.isCancelled()) {
            return Future.failedFuture("The call was cancelled");
        }
        String uri = basePath + (call.path().startsWith("/") ? "" : "/") + call.path();
        // a key in a header is already among the call's headers: only a signature is computed per attempt
        byte[] signedBody = call.signedPerAttempt() ? call.body().getBytes(StandardCharsets.UTF_8) : null;
        Map<String, String> auth;
        try {
            auth = signedBody == null ? Map.of() : sign(call, uri, accept, signedBody);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        log.request(call, auth);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(uri)
                .setIdleTimeout(readTimeoutMillis);
        return client.request(options).compose(request -> {
            if (!pending.made(request)) {
                return Future.failedFuture("The call was cancelled");
            }
            headers(request, call, accept);
            auth.forEach(request::putHeader);
            return signedBody == null ? request.send(call.body()) : request.send(Buffer.buffer(signedBody));
        });
    }

    /** The headers the call's authenticator computes over exactly what this attempt sends. */
    private Map<String, String> sign(HttpCall call, String uri, CharSequence accept, byte[] body) {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Content-Type", JSON.toString());
        sent.put("Accept", accept.toString());
        sent.putAll(call.headers());
        return call.authenticator().headers(new OutgoingRequest("POST", URI.create(origin + uri), sent, body));
    }

    private static void headers(HttpClientRequest request, HttpCall call, CharSequence accept) {
        request.putHeader(HttpHeaders.CONTENT_TYPE, JSON).putHeader(HttpHeaders.ACCEPT, accept);
        call.headers().forEach(request::putHeader);
    }

    private <T> void read(HttpClientResponse response, StreamFraming framing, Function<StreamEvent, List<T>> decode,
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
        StreamDeframer deframer = framing.deframer().get();
        Handler<Void> ended = ignored -> {
            pending.finished();
            try {
                deframer.end(events);
            } catch (RuntimeException e) {
                // the body ended inside a frame: a truncated stream
                emitter.fail(e);
                return;
            }
            emitter.complete();
        };
        response.exceptionHandler(failure -> fail(emitter, pending, timeoutAsSuch(failure)))
                .handler(buffer -> {
                    try {
                        // a view of the received bytes, not a copy
                        deframer.feed(buffer.getByteBuf().nioBuffer(), events);
                    } catch (RuntimeException e) {
                        // bytes that are no frame: the rest of the stream cannot be read either
                        pending.cancel();
                        emitter.fail(e);
                    }
                })
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
