package dev.chatmodels.testing;

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

    public ReplayTransport(String provider) {
        this.provider = provider;
    }

    /** The next call answers with {@code fixtures/<provider>/<scenario>.response.json} or {@code .response.sse}. */
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

    @Override
    public Uni<HttpResult> post(HttpCall call) {
        return Uni.createFrom()
                .item(() -> new HttpResult(200, HeaderView.NONE, Fixtures.read(provider, next(call) + ".response.json")));
    }

    @Override
    public Multi<StreamEvent> stream(HttpCall call, StreamFraming framing) {
        return Multi.createFrom().deferred(() -> Multi.createFrom()
                .iterable(SseFixtures.events(provider, next(call) + ".response.sse")));
    }

    private synchronized String next(HttpCall call) {
        try {
            requests.add(Jackson.MAPPER.readTree(call.body()));
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
