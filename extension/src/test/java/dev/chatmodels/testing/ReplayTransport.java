package dev.chatmodels.testing;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.transport.ChatTransport;
import dev.chatmodels.transport.HeaderView;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.HttpResult;
import dev.chatmodels.transport.StreamDeframer;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.transport.StreamFraming;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A transport that answers with recorded fixtures, in order, and keeps the request bodies it was sent: runs a real
 * {@code HttpChatModel} (real codec) without HTTP.
 */
public final class ReplayTransport implements ChatTransport {

    private final String provider;
    /** Scenario names, or the failures that calls end with instead. */
    private final Deque<Object> responses = new ArrayDeque<>();
    private final List<JsonNode> requests = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    public ReplayTransport(String provider) {
        this.provider = provider;
    }

    /**
     * The next call answers with {@code fixtures/<provider>/<scenario>.response.json}, {@code .response.sse} or
     * {@code .response.eventstream}.
     */
    public synchronized ReplayTransport then(String scenario) {
        responses.add(scenario);
        return this;
    }

    /** The next call fails with {@code failure}, as a dropped connection would. */
    public synchronized ReplayTransport thenFailure(RuntimeException failure) {
        responses.add(failure);
        return this;
    }

    /** The JSON bodies sent so far, in order. */
    public synchronized List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The paths requested so far, in order. */
    public synchronized List<String> paths() {
        return List.copyOf(paths);
    }

    @Override
    public Uni<HttpResult> post(HttpCall call) {
        return Uni.createFrom()
                .item(() -> new HttpResult(200, HeaderView.NONE, Fixtures.read(provider, next(call) + ".response.json")));
    }

    /**
     * Replays {@code .response.sse}, or for a provider's own framing the recorded body ({@code .response.eventstream}
     * for AWS event streams) through the framing's deframer.
     */
    @Override
    public Multi<StreamEvent> stream(HttpCall call, StreamFraming framing) {
        return Multi.createFrom().deferred(() -> Multi.createFrom().iterable(framing.equals(StreamFraming.SSE)
                ? SseFixtures.events(provider, next(call) + ".response.sse")
                : deframe(framing, Fixtures.bytes(provider, next(call) + ".response.eventstream"))));
    }

    private static List<StreamEvent> deframe(StreamFraming framing, byte[] body) {
        StreamDeframer deframer = framing.deframer().get();
        List<StreamEvent> events = new ArrayList<>();
        deframer.feed(ByteBuffer.wrap(body), events::add);
        deframer.end(events::add);
        return events;
    }

    private synchronized String next(HttpCall call) {
        try {
            requests.add(Jackson.MAPPER.readTree(call.body()));
            paths.add(call.path());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The request body is not JSON", e);
        }
        Object next = responses.poll();
        if (next == null) {
            throw new AssertionError("No recorded response left for request " + requests.size());
        }
        if (next instanceof RuntimeException failure) {
            throw failure;
        }
        return (String) next;
    }
}
