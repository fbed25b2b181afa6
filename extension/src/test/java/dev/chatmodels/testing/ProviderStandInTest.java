package dev.chatmodels.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.transport.StreamEvent;

class ProviderStandInTest {

    private static final String PATH = "/v1/chat/completions";
    private static final String SSE = "data: {\"n\": 1}\n\ndata: {\"n\": 2}\n\nevent: done\ndata: [DONE]\n\n";

    private ProviderStandIn standIn;
    private ExecutorService executor;
    private HttpClient client;

    @BeforeEach
    void start() {
        standIn = ProviderStandIn.start();
        executor = Executors.newCachedThreadPool();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
    }

    @AfterEach
    void stop() {
        standIn.close();
        executor.shutdownNow();
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path))
                .header("Authorization", "Bearer sk-test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return client.send(post(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<InputStream> open(String path) throws Exception {
        return client.send(post(path, "{}"), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads from the stream until {@code text} has been received in full. */
    private static String readUntil(InputStream in, String text) throws IOException {
        StringBuilder received = new StringBuilder();
        while (!received.toString().endsWith(text)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The stream ended after " + received);
            }
            received.append((char) b);
        }
        return received.toString();
    }

    /** The live threads of this test's stand-in, which names them after its port. */
    private List<Thread> standInThreads() {
        String name = "provider-stand-in-" + URI.create(standIn.baseUrl()).getPort();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> (t.getName().equals(name) || t.getName().startsWith(name + "-")) && t.isAlive()).toList();
    }

    @Test
    void answersJsonAndRecordsTheRequest() throws Exception {
        standIn.enqueue(PATH, Reply.json(200, "{\"ok\": true}").header("X-Request-Id", "req_1"));

        HttpResponse<String> response = send(PATH + "?api-version=1", "{\"model\": \"gpt-4.1\"}");

        assertEquals(200, response.statusCode());
        assertEquals("{\"ok\": true}", response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("req_1", response.headers().firstValue("x-request-id").orElseThrow());
        RecordedRequest request = standIn.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals(PATH, request.path());
        assertEquals("api-version=1", request.query());
        assertEquals("Bearer sk-test", request.headers().get("authorization"));
        assertEquals("Bearer sk-test", request.header("Authorization"));
        assertEquals("gpt-4.1", request.json().get("model").asText());
        assertEquals(1, standIn.requestCount(PATH));
        assertFalse(request.toString().contains("sk-test"));
    }

    @Test
    void repliesAreUsedInOrderAndTheLastOneRepeats() throws Exception {
        standIn.enqueue(PATH, Reply.json(429, "{\"error\": 1}").header("retry-after", "1"), Reply.json(200, "{\"n\": 2}"));
        standIn.enqueue(PATH, Reply.json(200, "{\"n\": 3}"));

        HttpResponse<String> first = send(PATH, "{}");
        assertEquals(429, first.statusCode());
        assertEquals("1", first.headers().firstValue("retry-after").orElseThrow());
        assertEquals("{\"n\": 2}", send(PATH, "{}").body());
        assertEquals("{\"n\": 3}", send(PATH, "{}").body());
        assertEquals("{\"n\": 3}", send(PATH, "{}").body());
        assertEquals(4, standIn.requestCount(PATH));
        assertEquals(1, standIn.connectionCount(), "the requests shared one kept-alive connection");
    }

    @Test
    void aPathWithoutRepliesIsA404JsonError() throws Exception {
        HttpResponse<String> response = send("/v1/messages", "{}");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("no reply for POST /v1/messages"), response.body());
        Jackson.MAPPER.readTree(response.body());
    }

    @Test
    void streamsSseEventByEventAsRecorded() throws Exception {
        String recorded = Fixtures.read("anthropic", "text_stream_cache_read.response.sse");
        standIn.enqueue(PATH, Reply.sse(recorded));

        HttpResponse<String> response = send(PATH, "{}");

        assertEquals("text/event-stream", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("chunked", response.headers().firstValue("transfer-encoding").orElseThrow());
        assertEquals(recorded, response.body());
        assertEquals(SseFixtures.parse(recorded), SseFixtures.parse(response.body()));
    }

    @Test
    void eventsArriveOneAtATimeWithTheGivenDelay() throws Exception {
        Duration delay = Duration.ofMillis(150);
        standIn.enqueue(PATH, Reply.sse(SSE).eventDelay(delay));

        long start = System.nanoTime();
        HttpResponse<InputStream> response = open(PATH);
        try (InputStream in = response.body()) {
            readUntil(in, "data: {\"n\": 1}\n\n");
            long firstEvent = System.nanoTime() - start;
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            long end = System.nanoTime() - start;
            assertEquals("data: {\"n\": 2}\n\nevent: done\ndata: [DONE]\n\n", rest);
            assertTrue(end - firstEvent >= 2 * delay.toNanos() - 20_000_000L,
                    "the first event came " + (end - firstEvent) / 1_000_000 + " ms before the end");
        }
    }

    @Test
    void streamsNdjsonLineByLine() throws Exception {
        String ndjson = "{\"message\": \"a\"}\n{\"message\": \"b\", \"done\": true}\n";
        standIn.enqueue("/api/chat", Reply.ndjson(ndjson));
        HttpResponse<String> response = send("/api/chat", "{}");
        assertEquals("application/x-ndjson", response.headers().firstValue("content-type").orElseThrow());
        assertEquals(ndjson, response.body());
    }

    @Test
    void splitsRawSseAfterEveryBlankLine() {
        assertEquals(List.of("data: 1\n\n", "event: e\r\ndata: 2\r\n\r\n", ": comment\ndata: 3"),
                Reply.splitEvents("data: 1\n\nevent: e\r\ndata: 2\r\n\r\n: comment\ndata: 3"));
    }

    @Test
    void aSlowFirstByteTriggersTheClientTimeout() throws Exception {
        standIn.enqueue(PATH, Reply.json(200, "{}").delayFirstByte(Duration.ofMillis(600)));
        HttpRequest impatient = HttpRequest.newBuilder(post(PATH, "{}"), (name, value) -> true)
                .timeout(Duration.ofMillis(150)).build();
        assertThrows(HttpTimeoutException.class, () -> client.send(impatient, HttpResponse.BodyHandlers.ofString()));

        long start = System.nanoTime();
        assertEquals(200, send(PATH, "{}").statusCode());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(550).toNanos());
    }

    @Test
    void resetsBeforeTheResponse() {
        standIn.enqueue(PATH, Reply.resetBeforeResponse());
        IOException error = assertThrows(IOException.class, () -> send(PATH, "{\"a\": 1}"));
        assertFalse(error instanceof HttpTimeoutException);
        assertEquals("{\"a\": 1}", standIn.requests().get(0).body(), "the request was read before the reset");
    }

    @Test
    void resetsInTheMiddleOfAStream() throws Exception {
        standIn.enqueue(PATH, Reply.sseThenReset(SSE, 2));
        HttpResponse<InputStream> response = open(PATH);
        try (InputStream in = response.body()) {
            assertEquals("data: {\"n\": 1}\n\ndata: {\"n\": 2}\n\n", readUntil(in, "data: {\"n\": 2}\n\n"));
            assertThrows(IOException.class, in::readAllBytes);
        }
    }

    @Test
    void stallsUntilTheClientGivesUp() throws Exception {
        standIn.enqueue(PATH, Reply.sseThenStall(SSE, 1), Reply.json(200, "{\"after\": true}"));
        HttpResponse<InputStream> response = open(PATH);
        InputStream in = response.body();
        readUntil(in, "data: {\"n\": 1}\n\n");
        Future<byte[]> rest = executor.submit(() -> in.readAllBytes());
        assertThrows(TimeoutException.class, () -> rest.get(300, TimeUnit.MILLISECONDS), "nothing more arrives");

        in.close();
        assertEquals("{\"after\": true}", send(PATH, "{}").body(), "the stand-in still answers");
    }

    @Test
    void closingTheStandInEndsAStalledStream() throws Exception {
        standIn.enqueue(PATH, Reply.sseThenStall(SSE, 1));
        HttpResponse<InputStream> response = open(PATH);
        InputStream in = response.body();
        readUntil(in, "data: {\"n\": 1}\n\n");
        Future<byte[]> rest = executor.submit(() -> in.readAllBytes());

        standIn.close();

        try {
            assertEquals(0, rest.get(5, TimeUnit.SECONDS).length, "the stream ended without more data");
        } catch (ExecutionException e) {
            assertInstanceOf(IOException.class, e.getCause());
        }
        assertTrue(standInThreads().isEmpty(), "threads left: " + standInThreads());
    }

    @Test
    void truncatesAStreamInTheMiddleOfAnEvent() throws Exception {
        standIn.enqueue(PATH, Reply.truncatedSse(SSE, 1));
        HttpResponse<String> response = send(PATH, "{}");
        assertEquals(200, response.statusCode());
        assertEquals("data: {\"n\": 1}\n\ndata: {\"", response.body());
        assertEquals(List.of(new StreamEvent(null, "{\"n\": 1}")), SseFixtures.parse(response.body()));
    }

    @Test
    void answersMalformedJson() throws Exception {
        standIn.enqueue(PATH, Reply.malformedJson());
        HttpResponse<String> response = send(PATH, "{}");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertThrows(JsonProcessingException.class, () -> Jackson.MAPPER.readTree(response.body()));
    }

    @Test
    void repliesFromFixturesWithTheirRecordedStatusAndHeaders() throws Exception {
        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "error_429_rate_limit_with_headers.response.json"));
        HttpResponse<String> response = send("/v1/messages", "{}");
        assertEquals(429, response.statusCode());
        assertEquals("4", response.headers().firstValue("retry-after").orElseThrow());
        assertEquals("2025-04-30T13:32:11Z",
                response.headers().firstValue("anthropic-ratelimit-input-tokens-reset").orElseThrow());
        assertEquals(Fixtures.read("anthropic", "error_429_rate_limit_with_headers.response.json"), response.body());

        standIn.enqueue("/v1/stream", Reply.fromFixture("anthropic", "thinking_stream.response.sse"));
        HttpResponse<String> stream = send("/v1/stream", "{}");
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        assertEquals(Fixtures.read("anthropic", "thinking_stream.response.sse"), stream.body());
    }

    @Test
    void countsTheRequestsAnsweredAtOnce() throws Exception {
        standIn.enqueue(PATH, Reply.json(200, "{}").delayFirstByte(Duration.ofMillis(300)));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(client.sendAsync(post(PATH, "{}"), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertEquals(200, call.get(5, TimeUnit.SECONDS).statusCode());
        }
        assertEquals(5, standIn.maxConcurrentRequests());

        standIn.reset();
        assertEquals(0, standIn.maxConcurrentRequests());
        assertTrue(standIn.requests().isEmpty());
        assertEquals(404, send(PATH, "{}").statusCode(), "reset forgets the replies");
        assertEquals(1, standIn.maxConcurrentRequests());
    }

    @Test
    void survivesClientsThatLeaveMidResponse() throws Exception {
        standIn.enqueue(PATH, Reply.sse(SSE.repeat(20)).eventDelay(Duration.ofMillis(10)), Reply.json(200, "{}"));
        HttpResponse<InputStream> response = open(PATH);
        try (InputStream in = response.body()) {
            readUntil(in, "data: {\"n\": 1}\n\n");
        }
        assertEquals(200, send(PATH, "{}").statusCode());
        assertEquals(2, standIn.requestCount(PATH));
    }

    @Test
    void closeLeavesNoThreadsBehind() throws Exception {
        standIn.enqueue(PATH, Reply.json(200, "{}"));
        for (int i = 0; i < 3; i++) {
            send(PATH, "{}");
        }
        assertFalse(standInThreads().isEmpty(), "a kept-alive connection has its thread");
        standIn.close();
        assertTrue(standInThreads().isEmpty(), "threads left: " + standInThreads());
        assertThrows(IOException.class, () -> send(PATH, "{}"));
    }
}
