package dev.chatmodels.quarkus.deployment.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.deployment.StandInConfigSource;
import dev.chatmodels.quarkus.deployment.bench.BenchReport.Unit;
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
 * Measures the injected model's call path (config-built model, Vert.x transport) against a raw Vert.x HTTP client doing
 * the same JSON work, in the same run, against the same loopback server: the figures of the performance issue (invoke
 * latency cold and steady, client CPU and allocation per invoke, time to first text and whole time of a 200-event
 * stream, 2000 invokes 64 at a time against 50 ms of server latency) and the connections each client opened. Not a
 * test: run it with {@code ./mvnw -B verify -pl deployment -am -Pbench}; it writes {@code target/bench-report.md},
 * then fails if the model did not reuse its keep-alive connections.
 * <p>
 * The transport alone, with the raw client's JSON work, is measured too, to tell what the transport costs from what
 * the model adds on top of it.
 */
class ChatModelCallBenchmark {

    private static final String API_KEY = "sk-bench-not-a-real-key";
    private static final int CONCURRENCY = 64;
    /** Quarkus' default number of event loops, which the REST Client's calls run on. */
    private static final int EVENT_LOOPS = 2 * Runtime.getRuntime().availableProcessors();
    private static final int LONG_STREAM_EVENTS = ReplayServerConfigSource.LONG_STREAM_EVENTS;
    private static final int LONG_STREAM_TEXTS = LONG_STREAM_EVENTS - 4;
    private static final int SHORT_STREAM_TEXTS = ReplayServerConfigSource.SHORT_STREAM_TEXTS;
    private static final int COLD_WARM_UP = 200;
    private static final int COLD_INVOKES = 2_000;
    private static final int STEADY_WARM_UP = 5_000;
    private static final int STEADY_INVOKES = 20_000;
    private static final int STREAM_WARM_UP = 300;
    private static final int STREAMS = 1_000;
    private static final int SLOW_WARM_UP = 640;
    private static final int SLOW_CALLS = 2_000;
    private static final int SLOW_ROUNDS = 2;
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
            // the same model, on the short stream and on the answers that take 50 ms
            .overrideConfigKey("quarkus.chat-models.short.model", "openai:gpt-4o-mini")
            .overrideConfigKey("quarkus.chat-models.short.api-key", API_KEY)
            .overrideRuntimeConfigKey("quarkus.chat-models.short.base-url",
                    "${replay-server.url}/" + MODEL + "-" + ReplayServer.SHORT + "/v1")
            .overrideConfigKey("quarkus.chat-models.slow.model", "openai:gpt-4o-mini")
            .overrideConfigKey("quarkus.chat-models.slow.api-key", API_KEY)
            .overrideRuntimeConfigKey("quarkus.chat-models.slow.base-url",
                    "${replay-server.url}/" + MODEL + "-" + ReplayServer.SLOW + "/v1")
            // the same against the thread-per-connection stand-in, which counts connections; no retry hides a failure
            .overrideConfigKey("quarkus.chat-models.stand-in.model", "openai:gpt-4o-mini")
            .overrideConfigKey("quarkus.chat-models.stand-in.api-key", API_KEY)
            .overrideConfigKey("quarkus.chat-models.stand-in.max-retries", "0")
            .overrideRuntimeConfigKey("quarkus.chat-models.stand-in.base-url", "${stand-in.url}/v1");

    @Inject
    ChatModel model;

    @Inject
    @ModelName("short")
    ChatModel shortModel;

    @Inject
    @ModelName("slow")
    ChatModel slowModel;

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
    void measuresTheModelAgainstARawVertxClient() {
        Prompt prompt = Prompt.recorded("text_stream_include_usage_2.request.json");
        ReplayServer server = ReplayServerConfigSource.server();
        ThreadCost cost = new ThreadCost(server.threads());
        try (Clients main = new Clients(server, "");
                Clients shortStream = new Clients(server, ReplayServer.SHORT);
                Clients slow = new Clients(server, ReplayServer.SLOW)) {
            Map<String, TimedCall> invokes = main.invokes(model, prompt);
            measureInvokes(server, invokes, cost);
            measureStreams(server, main.streams(model, prompt, expectedStream(LONG_STREAM_TEXTS)),
                    shortStream.streams(shortModel, prompt, expectedStream(SHORT_STREAM_TEXTS)), cost);
            measureUnderLatency(slow.invokes(slowModel, prompt));
        }
        checkConnectionReuseOnTheStandIn(prompt);
        report.notMeasured("Fresh process to first answer (JVM)", "not measured here (README, Performance)");

        String markdown = report.markdown(settings(server.eventCount()));
        System.out.println(markdown);
        report.write(Path.of(System.getProperty("bench.report", "target/bench-report.md")), markdown);
        assertTrue(reuseFailures.isEmpty(), String.join("\n", reuseFailures));
    }

    private void measureInvokes(ReplayServer server, Map<String, TimedCall> invokes, ThreadCost cost) {
        Map<String, Integer> before = connections(server);
        Map<String, Samples> cold = Latency.measure(invokes, COLD_WARM_UP, COLD_INVOKES, cost);
        figure("Invoke, median latency, cold (" + COLD_WARM_UP + " warm-up, " + COLD_INVOKES + " measured)", cold,
                samples -> samples.total().median(), Unit.NANOS_AS_MILLIS, 1.3);
        Map<String, Samples> steady = Latency.measure(invokes, STEADY_WARM_UP, STEADY_INVOKES, cost);
        figure("Invoke, median latency, steady (" + STEADY_WARM_UP + " warm-up, " + STEADY_INVOKES + " measured)",
                steady, samples -> samples.total().median(), Unit.NANOS_AS_MILLIS, 1.15);
        figure("Invoke, p90 latency, steady", steady, samples -> samples.total().p90(), Unit.NANOS_AS_MILLIS, 1.15);
        figure("Client CPU per invoke, steady", steady, Samples::cpuPerCall, Unit.NANOS_AS_MICROS, 1.3);
        figure("Allocation per invoke, steady", steady, Samples::allocatedPerCall, Unit.BYTES_AS_KIB, 1.5);
        recordConnections(server, "invokes, one at a time",
                sequentialRuns(COLD_WARM_UP + COLD_INVOKES + STEADY_WARM_UP + STEADY_INVOKES), before);
    }

    private void measureStreams(ReplayServer server, Map<String, TimedCall> streams, Map<String, TimedCall> shortStreams,
            ThreadCost cost) {
        Map<String, Integer> before = connections(server);
        Map<String, Samples> streamed = Latency.measure(streams, STREAM_WARM_UP, STREAMS, cost);
        String name = "Stream of " + LONG_STREAM_EVENTS + " events";
        figure(name + ": time to first text (median)", streamed, samples -> samples.firstText().median(),
                Unit.NANOS_AS_MILLIS, 1.15);
        figure(name + ": whole stream (median)", streamed, samples -> samples.total().median(), Unit.NANOS_AS_MILLIS,
                1.15);
        figure(name + ": per event (median whole stream / " + LONG_STREAM_EVENTS + ")", streamed,
                samples -> samples.total().median() / (double) LONG_STREAM_EVENTS, Unit.NANOS_AS_MICROS, 1.15);
        figure(name + ": client CPU per stream", streamed, Samples::cpuPerCall, Unit.NANOS_AS_MICROS, 1.3);
        recordConnections(server, "streams, one at a time", sequentialRuns(STREAM_WARM_UP + STREAMS), before);
        Map<String, Samples> shortStreamed = Latency.measure(shortStreams, STREAM_WARM_UP, STREAMS, cost);
        figure("Stream of 5 events (1 text): time to first text (median)", shortStreamed,
                samples -> samples.firstText().median(), Unit.NANOS_AS_MILLIS, 1.15);
    }

    /** 2000 invokes, 64 at a time, each answered after 50 ms: in turns of rotating order, after a warm-up. */
    private void measureUnderLatency(Map<String, TimedCall> invokes) {
        invokes.forEach((client, call) -> Throughput.fixed(call, CONCURRENCY, SLOW_WARM_UP));
        Map<String, Throughput.Run> runs = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(invokes.keySet());
        for (int round = 0; round < SLOW_ROUNDS; round++) {
            for (String client : order) {
                runs.merge(client, Throughput.fixed(invokes.get(client), CONCURRENCY, SLOW_CALLS), Throughput.Run::plus);
            }
            Collections.rotate(order, 1);
        }
        runs.forEach((client, run) -> {
            if (run.firstFailure() != null) {
                report.failure("2000 invokes at 50 ms", client, run.firstFailure());
            }
        });
        report.figure(SLOW_CALLS + " invokes, " + CONCURRENCY + " at a time, " + ReplayServer.SLOW_MILLIS
                + " ms server latency: wall time (mean of " + SLOW_ROUNDS + ")", runs.get(MODEL).nanos() / SLOW_ROUNDS,
                runs.get(TRANSPORT).nanos() / SLOW_ROUNDS, runs.get(RAW).nanos() / SLOW_ROUNDS, Unit.NANOS_AS_SECONDS,
                1.05);
    }

    private void figure(String figure, Map<String, Samples> samples, ToDoubleFunction<Samples> value, Unit unit,
            double target) {
        report.figure(figure, value.applyAsDouble(samples.get(MODEL)), value.applyAsDouble(samples.get(TRANSPORT)),
                value.applyAsDouble(samples.get(RAW)), unit, target);
    }

    /** The transport and raw client of one variant of the replay server's paths ({@code ""} for the main one). */
    private final class Clients implements AutoCloseable {
        private final RawVertxClient raw;
        private final VertxTransport transport;

        Clients(ReplayServer server, String variant) {
            String suffix = variant.isEmpty() ? "" : "-" + variant;
            raw = new RawVertxClient(vertx, URI.create(server.baseUrl() + "/" + RAW + suffix + "/v1"), API_KEY,
                    CONCURRENCY, EVENT_LOOPS);
            transport = VertxTransport.create(vertx, new TransportSettings("benchmark",
                    URI.create(server.baseUrl() + "/" + TRANSPORT + suffix + "/v1"), Duration.ofSeconds(10),
                    Duration.ofSeconds(30), Optional.empty(), CONCURRENCY, false, false, 4096, SecretRedactor.NONE));
        }

        Map<String, TimedCall> invokes(ChatModel model, Prompt prompt) {
            return calls(expectedAnswer(), ModelCalls.invoke(model, prompt), TransportCalls.invoke(transport, API_KEY,
                    prompt), raw.invoke(prompt));
        }

        Map<String, TimedCall> streams(ChatModel model, Prompt prompt, String text) {
            return calls(text, ModelCalls.stream(model, prompt), TransportCalls.stream(transport, API_KEY, prompt),
                    raw.stream(prompt));
        }

        @Override
        public void close() {
            transport.close();
            raw.close();
        }
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
        return expectedStream(Fixtures.read("openai-chat", ReplayServerConfigSource.STREAM_FIXTURE));
    }

    private static String expectedStream(int texts) {
        return expectedStream(ReplayServerConfigSource.stream(texts));
    }

    private static String expectedStream(String sse) {
        return SseFixtures.parse(sse).stream()
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
                        + "fixtures/openai-chat/%s, and streams built from %s (%d SSE events, or 5, one flush each). "
                        + "The clients take turns, in blocks of rotating order; CPU and allocation are those of every "
                        + "thread but the server's over the measured blocks, divided by the calls. The model is the "
                        + "injected default model: pool of %d, default retries, timeouts and circuit breaker. The raw "
                        + "client runs on %d event loops (a client per verticle instance), %d connections in all.",
                ReplayServerConfigSource.INVOKE_FIXTURE, ReplayServerConfigSource.STREAM_FIXTURE, events, CONCURRENCY,
                EVENT_LOOPS, CONCURRENCY);
    }
}
