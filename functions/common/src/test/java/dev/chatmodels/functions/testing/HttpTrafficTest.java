package dev.chatmodels.functions.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.Reply;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/**
 * The API under real HTTP traffic, on an app that serves HTTP itself (not through Lambda's event bridge): bodies of
 * unknown length, HTTP/2 without upgrade (prior knowledge, as {@code curl --http2-prior-knowledge}), invalid UTF-8 and
 * clients that go away. Subclasses are {@code @QuarkusTest}s and {@code @QuarkusIntegrationTest}s with
 * {@link StandInModels}.
 */
public abstract class HttpTrafficTest {

    /** Far beyond what any of these exchanges takes on a busy machine; only a hang reaches it. */
    protected static final long WAIT_SECONDS = 60;
    private static final String HELLO = "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";

    private static Vertx vertx;

    @TestHTTPResource("/")
    protected URL root;

    @StandIn
    protected ProviderStandIn standIn;

    @BeforeAll
    static void startClient() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopClient() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @BeforeEach
    void forgetEarlierCalls() {
        standIn.reset();
    }

    @Test
    protected void rejectsAnOversizedBodyOfUnknownLengthWithA413() {
        Answer answer = post(HttpVersion.HTTP_1_1, RequestBodies.OVER_THE_LIMIT, true);

        assertEquals("request_too_large", answer.error(413).get("code").asText());
        assertTrue(standIn.requests().isEmpty());
    }

    @Test
    void answersOverHttp2WithoutUpgrade() {
        replay();

        Answer answer = post(HttpVersion.HTTP_2, HELLO, false);

        assertEquals(HttpVersion.HTTP_2, answer.version());
        assertEquals(200, answer.status(), answer.body());
        assertEquals("chat.completion", SseBody.json(answer.body()).get("object").asText());
    }

    @Test
    void readsAOneMegabyteBodyOverHttp2() {
        replay();

        Answer answer = post(HttpVersion.HTTP_2, RequestBodies.ONE_MB, true);

        assertEquals(200, answer.status(), answer.body());
        assertEquals(RequestBodies.content(RequestBodies.ONE_MB),
                standIn.requests().get(0).json().at("/messages/0/content").asText());
    }

    @Test
    protected void rejectsAnOversizedBodyOverHttp2WithA413() {
        for (boolean declared : new boolean[] { true, false }) {
            Answer answer = post(HttpVersion.HTTP_2, RequestBodies.OVER_THE_LIMIT, !declared);

            assertEquals(HttpVersion.HTTP_2, answer.version());
            assertEquals("request_too_large", answer.error(413).get("code").asText());
        }
        assertTrue(standIn.requests().isEmpty());
    }

    @Test
    protected void rejectsInvalidUtf8() {
        for (HttpVersion version : new HttpVersion[] { HttpVersion.HTTP_1_1, HttpVersion.HTTP_2 }) {
            // C0 AF: an overlong '/', which a lenient decoder would let through
            String[] around = HELLO.split("Hi");
            Buffer body = Buffer.buffer(around[0]).appendBytes(new byte[] { 'a', (byte) 0xC0, (byte) 0xAF, 'b' })
                    .appendString(around[1]);

            Answer answer = post(version, body, false);

            assertEquals("invalid_json", answer.error(400).get("code").asText());
            assertTrue(answer.error(400).get("message").asText().contains("UTF-8"), answer.body());
        }
        assertTrue(standIn.requests().isEmpty());
    }

    @Test
    void streamsOverHttp2() {
        standIn.enqueue("/v1/chat/completions",
                Reply.fromFixture("openai-chat", "text_stream_include_usage_2.response.sse"));

        Answer answer = post(HttpVersion.HTTP_2, HELLO.replace("{\"model\"", "{\"stream\": true, \"model\""), false);

        assertEquals(200, answer.status(), answer.body());
        assertTrue(SseBody.parse(answer.body()).done(), answer.body());
    }

    @Test
    protected void cancelsTheModelCallWhenTheClientGoesAwayMidStream() throws Exception {
        for (HttpVersion version : new HttpVersion[] { HttpVersion.HTTP_1_1, HttpVersion.HTTP_2 }) {
            standIn.reset();
            standIn.enqueue("/v1/chat/completions", Reply.sseThenStall(
                    Fixtures.read("openai-chat", "text_stream_include_usage_2.response.sse"), 4));
            // Linger 0: closing resets the connection, as a client that crashes or loses its network does.
            HttpClient client = client(new HttpClientOptions().setProtocolVersion(version).setSoLinger(0));
            CompletableFuture<Void> firstEvent = new CompletableFuture<>();

            HttpClientRequest request = client.request(requestOptions()).toCompletionStage().toCompletableFuture()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            request.putHeader("Content-Type", "application/json")
                    .send(HELLO.replace("{\"model\"", "{\"stream\": true, \"model\""))
                    .onSuccess(response -> response.handler(chunk -> firstEvent.complete(null)));
            firstEvent.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(1, standIn.openRequests(), version.toString());

            request.connection().close();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (standIn.openRequests() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, standIn.openRequests(), "the call to the provider is still open over " + version);
            assertEquals(1, standIn.requests().size());
            client.close();
        }
    }

    /** The answer to a POST of {@code body} to the completions endpoint, its length declared or not (chunked). */
    protected Answer post(HttpVersion version, String body, boolean unknownLength) {
        return post(version, Buffer.buffer(body), unknownLength);
    }

    private Answer post(HttpVersion version, Buffer body, boolean unknownLength) {
        HttpClient client = client(version);
        try {
            Future<Answer> answer = client.request(requestOptions()).compose(request -> {
                request.putHeader("Content-Type", "application/json");
                if (unknownLength) {
                    // Chunked over HTTP/1.1; over HTTP/2 a body without content-length.
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

    private HttpClient client(HttpVersion version) {
        return client(new HttpClientOptions().setProtocolVersion(version));
    }

    private HttpClient client(HttpClientOptions options) {
        return vertx.httpClientBuilder()
                .with(options.setHttp2ClearTextUpgrade(false))
                // Closing a connection that still has body to send is this client's doing: not the app's log lines.
                .withConnectHandler(connection -> connection.exceptionHandler(ignored -> {
                }))
                .build();
    }

    private RequestOptions requestOptions() {
        return new RequestOptions().setMethod(HttpMethod.POST).setHost(root.getHost()).setPort(root.getPort())
                .setURI("/v1/chat/completions");
    }

    private void replay() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));
    }

    /** What the client received. */
    protected record Answer(HttpVersion version, int status, String contentType, String body) {

        /** The OpenAI error of an answer with {@code expectedStatus}. */
        JsonNode error(int expectedStatus) {
            assertEquals(expectedStatus, status, body);
            assertTrue(contentType != null && contentType.startsWith("application/json"), contentType);
            JsonNode error = SseBody.json(body).get("error");
            assertTrue(error.has("message") && error.has("type") && error.has("param") && error.has("code"), body);
            return error;
        }
    }
}
