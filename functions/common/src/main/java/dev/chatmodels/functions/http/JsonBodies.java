package dev.chatmodels.functions.http;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.chatmodels.functions.config.FunctionsConfig;
import dev.chatmodels.functions.openai.ApiError;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads JSON request bodies on the event loop, bounded by {@code chat-functions.max-body-size} whether the length is
 * declared or not, over HTTP/1.1 and HTTP/2 alike. Whatever cannot be a JSON body is answered at once with an OpenAI
 * error: another media type (415) before a byte of the body is read, a body over the limit (413) as soon as it gets
 * there. Only collecting happens here; decoding and parsing are for a worker thread.
 */
@Singleton
public class JsonBodies {

    private static final Logger LOG = Logger.getLogger(JsonBodies.class);

    /** HTTP/2's CANCEL error code (RFC 9113, 7). */
    private static final long CANCEL = 0x8;

    private final long maxBodySize;
    private final long bodyTimeoutMillis;

    JsonBodies(FunctionsConfig config) {
        this.maxBodySize = config.maxBodySize().asLongValue();
        if (maxBodySize < 1) {
            throw new ConfigurationException("chat-functions.max-body-size=" + config.maxBodySize()
                    + " admits no request: set the largest body to accept, e.g. 4M");
        }
        if (config.bodyTimeout().toMillis() < 1) {
            throw new ConfigurationException("chat-functions.body-timeout=" + config.bodyTimeout()
                    + " would time out every request: set how long a client may take to send its body, e.g. 30s");
        }
        this.bodyTimeoutMillis = config.bodyTimeout().toMillis();
    }

    /** Collects the body of {@code context}'s request and hands it to {@code then}, unless it answers the request itself. */
    public void read(RoutingContext context, Consumer<Buffer> then) {
        HttpServerRequest request = context.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (!isJson(type)) {
            ApiErrorResponses.sendUnread(context, new ApiError(415, ApiError.INVALID_REQUEST, "unsupported_media_type",
                    null, "Content-Type '" + type + "' is not supported: send the body as JSON with"
                            + " 'Content-Type: application/json'.",
                    Map.of()));
            return;
        }
        if (request.isEnded()) {
            // Read already, by a body handler some other extension installed, within Quarkus' own limit.
            Buffer body = context.body().available() ? context.body().buffer() : null;
            if (body != null && body.length() > maxBodySize) {
                ApiErrorResponses.send(context.response(), ApiError.bodyTooLarge(maxBodySize));
                return;
            }
            then.accept(body == null ? Buffer.buffer() : body);
            return;
        }
        new Collector(context, then).start();
    }

    /** {@code application/json}, any {@code +json} type, or none (a JSON client that says nothing). */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /** The body of one request, as it comes; runs on the request's event loop only. */
    private final class Collector {

        private final RoutingContext context;
        private final Consumer<Buffer> then;
        private final Buffer body = Buffer.buffer();
        private boolean rejected;
        private long deadline;

        Collector(RoutingContext context, Consumer<Buffer> then) {
            this.context = context;
            this.then = then;
        }

        void start() {
            HttpServerRequest request = context.request();
            deadline = context.vertx().setTimer(bodyTimeoutMillis, ignored -> tooSlow());
            request.handler(this::append);
            request.endHandler(ended -> {
                context.vertx().cancelTimer(deadline);
                if (!rejected) {
                    then.accept(body);
                }
            });
            request.exceptionHandler(failure -> {
                context.vertx().cancelTimer(deadline);
                LOG.debugf("The client broke off its request to %s: %s", request.path(), failure);
            });
            if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                // The body is wanted: a client waiting for this would otherwise pause first (curl: a second).
                context.response().writeContinue();
            }
            request.resume();
        }

        private void append(Buffer chunk) {
            if (rejected) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBodySize) {
                rejected = true;
                context.vertx().cancelTimer(deadline);
                ApiErrorResponses.sendUnread(context, ApiError.bodyTooLarge(maxBodySize));
                return;
            }
            body.appendBuffer(chunk);
        }

        /** The body did not arrive within {@code chat-functions.body-timeout}. */
        private void tooSlow() {
            if (!rejected && !context.request().isEnded()) {
                rejected = true;
                LOG.debugf("The body of a request to %s did not arrive in time", context.request().path());
                ApiError error = new ApiError(408, ApiError.INVALID_REQUEST, "request_timeout", null,
                        "The request body did not arrive within " + bodyTimeoutMillis + " ms: send it at once.", Map.of());
                HttpServerRequest request = context.request();
                boolean http2 = request.version() == HttpVersion.HTTP_2;
                if (!http2) {
                    context.response().putHeader(HttpHeaders.CONNECTION, "close");
                }
                // The rest of the body may never come: once the answer is out, the connection (HTTP/2: the stream) goes.
                ApiErrorResponses.send(context.response(), error).onComplete(sent -> {
                    if (http2) {
                        context.response().reset(CANCEL);
                    } else {
                        request.connection().close();
                    }
                });
            }
        }
    }
}
