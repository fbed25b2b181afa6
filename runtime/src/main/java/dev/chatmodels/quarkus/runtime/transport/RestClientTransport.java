package dev.chatmodels.quarkus.runtime.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import dev.chatmodels.transport.ChatTransport;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.HttpResult;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.transport.StreamFormat;
import io.quarkus.arc.Arc;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A {@link ChatTransport} on the Quarkus REST Client: one client, with its own keep-alive connection pool, per
 * {@link TransportSettings}. Nothing blocks: answers arrive on the Vert.x event loop.
 * <p>
 * Streams do not go through the REST Client but through a {@link StreamClient}, a Vert.x HTTP client with the same
 * settings on the application's Vert.x, and its own pool. The REST Client closes the connection of every {@code Multi}
 * when it completes, after Vert.x has put that connection back in its pool: measured, every stream opened a new
 * connection, and under concurrency a waiting request was sometimes handed the closed connection and failed with
 * "Connection was closed" (13 % of streams at 64 in flight, without retries). Its SSE reader also decodes byte by byte
 * into a synchronized buffer.
 */
public final class RestClientTransport implements ChatTransport, Closeable {

    private final ProviderApi api;
    private final StreamClient streams;
    private final TransportLog log;

    private RestClientTransport(ProviderApi api, StreamClient streams, TransportLog log) {
        this.api = api;
        this.streams = streams;
        this.log = log;
    }

    /** A transport with its own REST client and stream client; close it to release their connections. */
    public static RestClientTransport create(TransportSettings settings) {
        TransportLog log = new TransportLog(settings);
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(withoutTrailingSlash(settings.baseUri()))
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .register(new HttpStatusExceptionMapper(log))
                .register(new CallHeadersFilter())
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, settings.maxConnections())
                .property(QuarkusRestClientProperties.KEEP_ALIVE_ENABLED, true);
        settings.proxy().ifPresent(proxy -> {
            builder.proxyAddress(proxy.host(), proxy.port());
            proxy.user().ifPresent(builder::proxyUser);
            proxy.password().ifPresent(builder::proxyPassword);
        });
        // the REST Client runs on this Vert.x too
        Vertx vertx = Arc.container().instance(Vertx.class).get();
        return new RestClientTransport(builder.build(ProviderApi.class), new StreamClient(vertx, settings, log), log);
    }

    @Override
    public Uni<HttpResult> post(HttpCall call) {
        return Uni.createFrom().deferred(() -> {
            log.request(call);
            return api.post(relative(call.path()), call.headers(), call.body());
        }).map(this::result);
    }

    @Override
    public Multi<StreamEvent> stream(HttpCall call, StreamFormat format) {
        return streams.stream(call, format);
    }

    private HttpResult result(RestResponse<String> response) {
        String body = response.getEntity() == null ? "" : response.getEntity();
        log.response(response.getStatus(), body);
        MultivaluedMap<String, String> headers = response.getStringHeaders();
        return new HttpResult(response.getStatus(), HttpStatusExceptionMapper.lowerCaseNames(headers.keySet(), headers::get),
                body);
    }

    /** The path below the base URL, which may itself have a path such as {@code /v1}. */
    private static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    @Override
    public void close() throws IOException {
        streams.close();
        ((Closeable) api).close();
    }
}
