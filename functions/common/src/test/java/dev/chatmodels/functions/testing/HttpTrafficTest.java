package dev.chatmodels.functions.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chatmodels.functions.testing.RawHttp.Answer;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.Reply;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpVersion;

/**
 * The API under real HTTP traffic, on an app that serves HTTP itself (not through Lambda's event bridge): bodies of
 * unknown length, HTTP/2 without upgrade (prior knowledge, as {@code curl --http2-prior-knowledge}), invalid UTF-8 and
 * clients that go away. Subclasses are {@code @QuarkusTest}s and {@code @QuarkusIntegrationTest}s with
 * {@link StandInModels}.
 */
public abstract class HttpTrafficTest {

    private static final long WAIT_SECONDS = RawHttp.WAIT_SECONDS;
    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final String HELLO = "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";

    @TestHTTPResource("/")
    protected URL root;

    @StandIn
    protected ProviderStandIn standIn;

    private RawHttp http;

    @BeforeEach
    void startClient() {
        standIn.reset();
        http = new RawHttp(root);
    }

    @AfterEach
    void stopClient() throws Exception {
        http.close();
    }

    @Test
    protected void rejectsAnOversizedBodyOfUnknownLengthWithA413() {
        for (String body : List.of(RequestBodies.OVER_THE_LIMIT, RequestBodies.OVER_QUARKUS_LIMIT)) {
            Answer answer = post(HttpVersion.HTTP_1_1, body, true);

            assertEquals("request_too_large", answer.error(413).get("code").asText());
        }
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
    void asksForTheBodyOfAClientThatExpects100Continue() throws Exception {
        replay();
        HttpClient client = http.client(new HttpClientOptions());
        HttpClientRequest request = client.request(http.request(COMPLETIONS)).toCompletionStage().toCompletableFuture()
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        // As curl does for bodies over 1 MB: the body only goes out after "100 Continue" (curl waits 1 s for it).
        request.putHeader("Content-Type", "application/json").putHeader("Expect", "100-continue").setChunked(true)
                .continueHandler(goOn -> request.end(HELLO));
        CompletableFuture<Integer> status = request.response().map(HttpClientResponse::statusCode).toCompletionStage()
                .toCompletableFuture();

        request.sendHead();

        assertEquals(200, status.get(WAIT_SECONDS, TimeUnit.SECONDS));
        client.close();
    }

    @Test
    void answersAClientThatStopsSendingItsBodyWithA408AndClosesTheConnection() throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            OutputStream out = socket.getOutputStream();
            // a slow (or malicious) client: 100 bytes announced, 10 sent, then nothing
            out.write(("POST " + COMPLETIONS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"model\": ").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // the app closes the connection after its answer: reading to the end proves both
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertEquals("request_timeout", SseBody.json(body).get("error").get("code").asText(), answer);
        }
        assertTrue(standIn.requests().isEmpty());
    }

    @Test
    void answersFiveHundredConcurrentClientsEach() throws Exception {
        replay();
        int clients = 500;
        HttpClient client = http.client(new HttpClientOptions().setMaxPoolSize(clients));
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String body = HELLO.replace("Hi", "Hi " + i);
            answers.add(client.request(http.request(COMPLETIONS))
                    .compose(request -> request.putHeader("Content-Type", "application/json").send(body))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .toCompletionStage().toCompletableFuture());
        }

        for (CompletableFuture<Integer> answer : answers) {
            assertEquals(200, answer.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        assertEquals(clients, standIn.requests().size(), "one provider call per client");
        client.close();
    }

    @Test
    void streamsOverHttp2() {
        standIn.enqueue(COMPLETIONS,
                Reply.fromFixture("openai-chat", "text_stream_include_usage_2.response.sse"));

        Answer answer = post(HttpVersion.HTTP_2, HELLO.replace("{\"model\"", "{\"stream\": true, \"model\""), false);

        assertEquals(200, answer.status(), answer.body());
        assertTrue(SseBody.parse(answer.body()).done(), answer.body());
    }

    @Test
    protected void cancelsTheModelCallWhenTheClientGoesAwayMidStream() throws Exception {
        for (HttpVersion version : new HttpVersion[] { HttpVersion.HTTP_1_1, HttpVersion.HTTP_2 }) {
            standIn.reset();
            standIn.enqueue(COMPLETIONS, Reply.sseThenStall(
                    Fixtures.read("openai-chat", "text_stream_include_usage_2.response.sse"), 4));
            // Linger 0: closing resets the connection, as a client that crashes or loses its network does.
            HttpClient client = http.client(new HttpClientOptions().setProtocolVersion(version).setSoLinger(0));
            CompletableFuture<Void> firstEvent = new CompletableFuture<>();

            HttpClientRequest request = client.request(http.request(COMPLETIONS)).toCompletionStage().toCompletableFuture()
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
        return http.post(version, COMPLETIONS, Map.of("Content-Type", "application/json"), body, unknownLength);
    }

    private void replay() {
        standIn.enqueue(COMPLETIONS, Reply.fromFixture("openai-chat", "text_nonstream.response.json"));
    }
}
