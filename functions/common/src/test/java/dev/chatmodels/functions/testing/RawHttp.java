package dev.chatmodels.functions.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/**
 * A Vert.x HTTP client for what rest-assured cannot send: bodies of unknown length (chunked over HTTP/1.1, without
 * {@code content-length} over HTTP/2), HTTP/2 with prior knowledge (no upgrade, as {@code curl --http2-prior-knowledge}).
 * It reads the answer while still sending, as a server may answer before the body is complete.
 */
public final class RawHttp implements AutoCloseable {

    /** Far beyond what any exchange takes on a busy machine; only a hang reaches it. */
    public static final long WAIT_SECONDS = 60;

    private final Vertx vertx = Vertx.vertx();
    private final URL root;

    /** @param root the app's root URL */
    public RawHttp(URL root) {
        this.root = root;
    }

    /** The answer to a POST of {@code body} with {@code headers}, its length declared or not. */
    public Answer post(HttpVersion version, String uri, Map<String, String> headers, Buffer body, boolean unknownLength) {
        HttpClient client = client(new HttpClientOptions().setProtocolVersion(version));
        try {
            Future<Answer> answer = client.request(request(uri)).compose(request -> {
                headers.forEach(request::putHeader);
                if (unknownLength) {
                    request.setChunked(true);
                    int piece = 64 * 1024;
                    for (int start = 0; start < body.length(); start += piece) {
                        request.write(body.slice(start, Math.min(body.length(), start + piece)));
                    }
                    request.end();
                } else {
                    request.end(body);
                }
                return request.response().compose(response -> response.body().map(
                        read -> new Answer(response.version(), response.statusCode(),
                                response.getHeader("Content-Type"), read.toString(StandardCharsets.UTF_8))));
            });
            return answer.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("No answer over " + version, e);
        } finally {
            client.close();
        }
    }

    /** A client of the app; closing a connection that still has body to send is its own doing, so it logs nothing. */
    public HttpClient client(HttpClientOptions options) {
        return vertx.httpClientBuilder()
                .with(options.setHttp2ClearTextUpgrade(false))
                .withConnectHandler(connection -> connection.exceptionHandler(ignored -> {
                }))
                .build();
    }

    /** A POST to {@code uri} of the app. */
    public RequestOptions request(String uri) {
        return new RequestOptions().setMethod(HttpMethod.POST).setHost(root.getHost()).setPort(root.getPort())
                .setURI(uri);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** What the client received. */
    public record Answer(HttpVersion version, int status, String contentType, String body) {

        /** The OpenAI error of an answer with {@code expectedStatus}. */
        public JsonNode error(int expectedStatus) {
            assertEquals(expectedStatus, status, body);
            assertTrue(contentType != null && contentType.startsWith("application/json"), contentType);
            JsonNode error = SseBody.json(body).get("error");
            assertTrue(error.has("message") && error.has("type") && error.has("param") && error.has("code"), body);
            return error;
        }
    }
}
