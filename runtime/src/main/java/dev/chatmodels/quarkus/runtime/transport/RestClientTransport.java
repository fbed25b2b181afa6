package dev.chatmodels.quarkus.runtime.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import dev.chatmodels.transport.ChatTransport;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.HttpResult;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.transport.StreamFormat;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A {@link ChatTransport} on the Quarkus REST Client: one client, with its own keep-alive connection pool, per
 * {@link TransportSettings}. Nothing blocks: answers arrive on the Vert.x event loop.
 */
public final class RestClientTransport implements ChatTransport, Closeable {

    private final ProviderApi api;
    private final TransportLog log;

    private RestClientTransport(ProviderApi api, TransportLog log) {
        this.api = api;
        this.log = log;
    }

    /** A transport with its own REST client; close it to release its connections. */
    public static RestClientTransport create(TransportSettings settings) {
        TransportLog log = new TransportLog(settings.label(), settings.logRequests(), settings.logResponses());
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
        return new RestClientTransport(builder.build(ProviderApi.class), log);
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
        return Multi.createFrom().deferred(() -> {
            log.request(call);
            return switch (format) {
                // SseEvent.data() runs the REST Client's entity readers on every call: read it once per event.
                // A comment line (e.g. a keep-alive) arrives as an event without data.
                case SSE -> api.streamEvents(relative(call.path()), call.headers(), call.body())
                        .map(event -> new StreamEvent(event.name(), event.data()))
                        .filter(event -> event.data() != null && !event.data().isEmpty());
                case NDJSON -> api.streamLines(relative(call.path()), call.headers(), call.body())
                        .filter(line -> !line.isBlank())
                        .map(line -> new StreamEvent(null, line));
            };
        }).invoke(log::event);
    }

    private HttpResult result(RestResponse<String> response) {
        String body = response.getEntity() == null ? "" : response.getEntity();
        log.response(response.getStatus(), body);
        return new HttpResult(response.getStatus(), HttpStatusExceptionMapper.lowerCaseNames(response.getStringHeaders()),
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
        ((Closeable) api).close();
    }
}
