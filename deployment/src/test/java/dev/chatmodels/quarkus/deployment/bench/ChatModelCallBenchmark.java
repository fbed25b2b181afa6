package dev.chatmodels.quarkus.deployment.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.deployment.StandInConfigSource;
import dev.chatmodels.quarkus.deployment.bench.Throughput.Load;
import dev.chatmodels.quarkus.runtime.ModelName;
import dev.chatmodels.quarkus.runtime.transport.TransportSettings;
import dev.chatmodels.quarkus.runtime.transport.VertxTransport;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.testing.SseFixtures;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Vertx;

/**
 * Measures the injected model's call path (config-built model, REST Client transport) against a raw Vert.x HTTP client
 * doing the same JSON work, in the same run, against the same loopback server: invoke latency, time to the first
 * streamed text, whole-stream time and throughput at concurrency 64, and the connections each client opened. Not a
 * test: run it with {@code ./mvnw -B verify -pl deployment -Pbench}; it writes {@code target/bench-report.md}, then
 * fails if the model did not reuse its keep-alive connections.
 * <p>
 * The REST Client transport alone, with the raw client's JSON work, is measured too, to tell what the transport costs
 * from what the model adds on top of it.
 */
class ChatModelCallBenchmark {

    private static final String API_KEY = "sk-bench-not-a-real-key";
    private static final int CONCURRENCY = 64;
    /** Quarkus' default number of event loops, which the REST Client's calls run on. */
    private static final int EVENT_LOOPS = 2 * Runtime.getRuntime().availableProcessors();
    private static final int INVOKE_WARM_UP = 3_000;
    private static final int INVOKES = 3_000;
    private static final int STREAM_WARM_UP = 400;
    private static final int STREAMS = 500;
    private static final Duration LOAD_WARM_UP = Duration.ofSeconds(1);
    private static final Duration LOAD = Duration.ofSeconds(3);
    private static final int REUSE_CALLS = 20;
    private static final Duration REUSE_LOAD = Duration.ofSeconds(1);
    private static final String MODEL = "model";
    private static final String TRANSPORT = "transport";
    private static final String RAW = "raw";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addPackage(ChatModelCallBenchmark.class.getPackage())
                    .addClass(StandInConfigSource.class)
                    .addAsServiceProvider(ConfigSource.class, ReplayServerConfigSource.class, StandInConfigSource.class))
            // the default model as an application would configure it: pool, retries, timeouts, breaker all default
            .overrideConfigKey("quarkus.chat-models.model", "openai:gpt-4o-mini")
            .overrideConfigKey("quarkus.chat-models.api-key", API_KEY)
            .overrideRuntimeConfigKey("quarkus.chat-models.base-url", "${replay-server.url}/" + MODEL + "/v1")
            // the same against the thread-per-connection stand-in, which counts connections; no retry hides a failure
            .overrideConfigKey("quarkus.chat-models.stand-in.model", "openai:gpt-4o-mini")
            .overrideConfigKey("quarkus.chat-models.stand-in.api-key", API_KEY)
            .overrideConfigKey("quarkus.chat-models.stand-in.max-retries", "0")
            .overrideRuntimeConfigKey("quarkus.chat-models.stand-in.base-url", "${stand-in.url}/v1");

    @Inject
    ChatModel model;

    @Inject
    @ModelName("stand-in")
    ChatModel standInModel;

    @Inject
    Vertx vertx;

    private final BenchReport report = new BenchReport();
    private final List<String> reuseFailures = new ArrayList<>();

    @AfterAll
    static void stopServers() {
        ReplayServerConfigSource.stop();
        StandInConfigSource.stop();
    }

    @Test
    void measuresTheModelAgainstARawVertxClient() throws IOException {
        Prompt prompt = Prompt.recorded("text_stream_include_usage_2.request.json");
        ReplayServer server = ReplayServerConfigSource.server();
        try (RawVertxClient raw = new RawVertxClient(vertx, URI.create(server.baseUrl() + "/" + RAW + "/v1"), API_KEY,
                CONCURRENCY, EVENT_LOOPS);
                VertxTransport transport = VertxTransport.create(vertx, new TransportSettings("benchmark",
                        URI.create(server.baseUrl() + "/" + TRANSPORT + "/v1"), Duration.ofSeconds(10),
                        Duration.ofSeconds(30), Optional.empty(), CONCURRENCY, false, false))) {
            Map<String, TimedCall> invokes = calls(expectedAnswer(), ModelCalls.invoke(model, prompt),
                    TransportCalls.invoke(transport, API_KEY, prompt), raw.invoke(prompt));
            Map<String, TimedCall> streams = calls(expectedStream(), ModelCalls.stream(model, prompt),
                    TransportCalls.stream(transport, API_KEY, prompt), raw.stream(prompt));
            measureLatency(server, invokes, streams);
            measureThroughput(server, "Invoke", invokes);
            measureThroughput(server, "Stream", streams);
        }
        checkConnectionReuseOnTheStandIn(prompt);

        String markdown = report.markdown(settings(server.eventCount()));
        System.out.println(markdown);
        report.write(Path.of(System.getProperty("bench.report", "target/bench-report.md")), markdown);
        assertTrue(reuseFailures.isEmpty(), String.join("\n", reuseFailures));
    }

    private void measureLatency(ReplayServer server, Map<String, TimedCall> invokes, Map<String, TimedCall> streams) {
        Map<String, Integer> before = connections(server);
        Map<String, Samples> invoked = Latency.measure(invokes, INVOKE_WARM_UP, INVOKES);
        report.latency("Invoke latency", invoked.get(MODEL).total(), invoked.get(TRANSPORT).total(),
                invoked.get(RAW).total());
        before = recordConnections(server, "invokes, one at a time", sequentialRuns(INVOKE_WARM_UP + INVOKES), before);

        Map<String, Samples> streamed = Latency.measure(streams, STREAM_WARM_UP, STREAMS);
        report.latency("Stream: time to first text", streamed.get(MODEL).firstText(),
                streamed.get(TRANSPORT).firstText(), streamed.get(RAW).firstText());
        report.latency("Stream: whole stream", streamed.get(MODEL).total(), streamed.get(TRANSPORT).total(),
                streamed.get(RAW).total());
        recordConnections(server, "streams, one at a time", sequentialRuns(STREAM_WARM_UP + STREAMS), before);
    }

    private void measureThroughput(ReplayServer server, String kind, Map<String, TimedCall> calls) {
        Map<String, Integer> before = connections(server);
        Map<String, Load> loads = Throughput.measure(calls, CONCURRENCY, LOAD_WARM_UP, LOAD);
        report.throughput(kind + " throughput, concurrency " + CONCURRENCY, loads.get(MODEL), loads.get(TRANSPORT),
                loads.get(RAW));
        Map<String, Throughput.Run> runs = new LinkedHashMap<>();
        loads.forEach((client, load) -> runs.put(client, load.all()));
        recordConnections(server, kind.toLowerCase() + "s, " + CONCURRENCY + " at a time", runs, before);
    }

    /** The same count of calls, none failed, for each client. */
    private static Map<String, Throughput.Run> sequentialRuns(int calls) {
        Map<String, Throughput.Run> runs = new LinkedHashMap<>();
        for (String client : new String[] { MODEL, TRANSPORT, RAW }) {
            runs.put(client, new Throughput.Run(calls, 0, 0, null));
        }
        return runs;
    }

    /**
     * Reports the connections each client opened since {@code before} for its {@code runs}; checks that the model
     * opened no more than it needed. The counts now.
     */
    private Map<String, Integer> recordConnections(ReplayServer server, String phase, Map<String, Throughput.Run> runs,
            Map<String, Integer> before) {
        for (String client : before.keySet()) {
            Throughput.Run run = runs.get(client);
            report.connections(phase, client, run.calls() + run.failures(), run.failures(),
                    server.connections(client) - before.get(client));
            if (run.firstFailure() != null) {
                report.failure(phase, client, run.firstFailure());
            }
        }
        int opened = server.connections(MODEL) - before.get(MODEL);
        // one at a time, one kept-alive connection does (two at worst); never more than the pool
        int needed = phase.contains("one at a time") ? 2 : CONCURRENCY;
        if (opened > needed) {
            reuseFailures.add("The model opened " + opened + " connections for " + runs.get(MODEL).calls() + " "
                    + phase + ": it does not reuse its keep-alive connections");
        }
        return connections(server);
    }

    /** How many connections each client opened so far. */
    private static Map<String, Integer> connections(ReplayServer server) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String client : new String[] { MODEL, TRANSPORT, RAW }) {
            counts.put(client, server.connections(client));
        }
        return counts;
    }

    /** Counts the connections the model and the raw client open on the stand-in, one call at a time and 64 at once. */
    private void checkConnectionReuseOnTheStandIn(Prompt prompt) {
        ProviderStandIn standIn = StandInConfigSource.standIn();
        // on one event loop, so that one at a time its calls all go to the same pool, as the model's do
        try (RawVertxClient raw = new RawVertxClient(vertx, URI.create(standIn.baseUrl() + "/v1"), API_KEY,
                CONCURRENCY, 1)) {
            Map<String, TimedCall> invokes = Map.of(MODEL, ModelCalls.invoke(standInModel, prompt).expecting(
                    expectedAnswer()), RAW, raw.invoke(prompt).expecting(expectedAnswer()));
            Map<String, TimedCall> streams = Map.of(MODEL, ModelCalls.stream(standInModel, prompt).expecting(
                    expectedStream()), RAW, raw.stream(prompt).expecting(expectedStream()));
            for (String client : new String[] { MODEL, RAW }) {
                int before = standIn.connectionCount();
                oneAtATime(standIn, invokes.get(client), streams.get(client));
                int opened = standIn.connectionCount() - before;
                report.connections("stand-in: invokes and streams alternating, one at a time", client, 2 * REUSE_CALLS,
                        0, opened);
                if (client.equals(MODEL) && opened > 2) {
                    reuseFailures.add("On the stand-in, the model opened " + opened + " connections for "
                            + 2 * REUSE_CALLS + " invokes and streams made one at a time");
                }
                for (boolean stream : new boolean[] { false, true }) {
                    before = standIn.connectionCount();
                    Throughput.Run run = concurrently(standIn, stream ? streams.get(client) : invokes.get(client),
                            stream);
                    String phase = "stand-in: " + (stream ? "streams" : "invokes") + ", " + CONCURRENCY + " at a time";
                    report.connections(phase, client, run.calls() + run.failures(), run.failures(),
                            standIn.connectionCount() - before);
                    if (run.firstFailure() != null) {
                        report.failure(phase, client, run.firstFailure());
                    }
                }
            }
        }
    }

    /** Alternates invokes and streams, with the stand-in's replies in the same order. */
    private static void oneAtATime(ProviderStandIn standIn, TimedCall invoke, TimedCall stream) {
        standIn.reset();
        for (int i = 0; i < REUSE_CALLS; i++) {
            standIn.enqueue("/v1" + ChatCompletionsJson.PATH, invokeReply(), streamReply());
        }
        for (int i = 0; i < REUSE_CALLS; i++) {
            Latency.await("invoke", invoke);
            Latency.await("stream", stream);
        }
    }

    private static Throughput.Run concurrently(ProviderStandIn standIn, TimedCall call, boolean stream) {
        standIn.reset();
        standIn.enqueue("/v1" + ChatCompletionsJson.PATH, stream ? streamReply() : invokeReply());
        return Throughput.run(call, CONCURRENCY, REUSE_LOAD);
    }

    /** The calls of the three clients, each checked to deliver {@code text} every time. */
    private static Map<String, TimedCall> calls(String text, TimedCall model, TimedCall transport, TimedCall raw) {
        Map<String, TimedCall> calls = new LinkedHashMap<>();
        calls.put(MODEL, model.expecting(text));
        calls.put(TRANSPORT, transport.expecting(text));
        calls.put(RAW, raw.expecting(text));
        return calls;
    }

    private static String expectedAnswer() {
        return ChatCompletionsJson.answerText(Fixtures.read("openai-chat", ReplayServerConfigSource.INVOKE_FIXTURE));
    }

    private static String expectedStream() {
        return SseFixtures.parse(Fixtures.read("openai-chat", ReplayServerConfigSource.STREAM_FIXTURE)).stream()
                .filter(event -> !event.data().equals(ChatCompletionsJson.DONE))
                .map(event -> ChatCompletionsJson.deltaText(event.data()))
                .collect(Collectors.joining());
    }

    private static Reply invokeReply() {
        return Reply.fromFixture("openai-chat", ReplayServerConfigSource.INVOKE_FIXTURE);
    }

    private static Reply streamReply() {
        return Reply.sse(Fixtures.read("openai-chat", ReplayServerConfigSource.STREAM_FIXTURE));
    }

    private static String settings(int events) {
        return String.format(
                "Loopback, one JVM. Every client calls the same Vert.x replay server (its own 2 event loops) replaying "
                        + "fixtures/openai-chat/%s and %s (%d SSE events, one flush each). Invokes: %d warm-up + %d "
                        + "measured per client; streams: %d + %d; throughput: %d s warm-up + %d s measured per client, "
                        + "%d calls in flight. The clients take turns, in blocks of rotating order. The model is the "
                        + "injected default model: pool of %d, default retries, timeouts and circuit breaker. The raw "
                        + "client runs on %d event loops (a client per verticle instance), %d connections in all.",
                ReplayServerConfigSource.INVOKE_FIXTURE, ReplayServerConfigSource.STREAM_FIXTURE, events,
                INVOKE_WARM_UP, INVOKES, STREAM_WARM_UP, STREAMS, LOAD_WARM_UP.toSeconds(), LOAD.toSeconds(),
                CONCURRENCY, CONCURRENCY, EVENT_LOOPS, CONCURRENCY);
    }
}
