package dev.chatmodels.model;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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
 * A {@link ChatTransport} that answers from functions of the call, records the calls, counts the requests in flight
 * (and their peak) and notices when a stream is cancelled.
 */
public final class FakeChatTransport implements ChatTransport {

    private final Function<HttpCall, Uni<HttpResult>> post;
    private final Function<HttpCall, Multi<StreamEvent>> stream;
    private final List<HttpCall> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicBoolean streamCancelled = new AtomicBoolean();

    private FakeChatTransport(Function<HttpCall, Uni<HttpResult>> post, Function<HttpCall, Multi<StreamEvent>> stream) {
        this.post = post;
        this.stream = stream;
    }

    public static FakeChatTransport posting(Function<HttpCall, Uni<HttpResult>> post) {
        return new FakeChatTransport(post, call -> Multi.createFrom().failure(new AssertionError("no stream expected")));
    }

    public static FakeChatTransport streaming(Function<HttpCall, Multi<StreamEvent>> stream) {
        return new FakeChatTransport(call -> Uni.createFrom().failure(new AssertionError("no post expected")), stream);
    }

    /** A 200 answer. */
    public static Uni<HttpResult> ok(String body) {
        return Uni.createFrom().item(new HttpResult(200, HeaderView.NONE, body));
    }

    /** A 200 answer delivered after {@code delay}, on another thread. */
    public static Uni<HttpResult> ok(String body, Duration delay) {
        return ok(body).onItem().delayIt().by(delay);
    }

    /** The prompt the fake codec put in the body of {@code call}. */
    public static String prompt(HttpCall call) {
        try {
            return Jackson.MAPPER.readTree(call.body()).get("prompt").asText();
        } catch (Exception e) {
            throw new IllegalArgumentException(call.body(), e);
        }
    }

    @Override
    public Uni<HttpResult> post(HttpCall call) {
        return Uni.createFrom().deferred(() -> {
            started(call);
            return post.apply(call);
        }).onTermination().invoke(inFlight::decrementAndGet);
    }

    @Override
    public Multi<StreamEvent> stream(HttpCall call, StreamFraming framing) {
        return Multi.createFrom().deferred(() -> {
            started(call);
            return stream.apply(call);
        })
                .onCancellation().invoke(() -> streamCancelled.set(true))
                .onTermination().invoke(inFlight::decrementAndGet);
    }

    private void started(HttpCall call) {
        calls.add(call);
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    public List<HttpCall> calls() {
        return calls;
    }

    /** The most requests that were in flight at once. */
    public int peakInFlight() {
        return peak.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public boolean streamCancelled() {
        return streamCancelled.get();
    }
}
