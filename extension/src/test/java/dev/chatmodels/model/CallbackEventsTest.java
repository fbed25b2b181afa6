package dev.chatmodels.model;

import static dev.chatmodels.model.FakeChatTransport.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.chatmodels.callback.ChatCallback;
import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.resilience.CallGuard;
import dev.chatmodels.transport.HttpStatusException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The events metrics and tracing are built on: each retry with the failure before it, one cancel for a call the caller
 * gave up, and headers a callback adds to the request.
 */
class CallbackEventsTest {

    /** Retries a failed call once, as the Quarkus guard does with {@code max-retries=1}. */
    private static final CallGuard RETRY_ONCE = new CallGuard() {
        @Override
        public <T> Uni<T> guard(Supplier<Uni<T>> call) {
            return Uni.createFrom().deferred(call::get).onFailure().recoverWithUni(failure -> call.get());
        }

        @Override
        public <T> Multi<T> guardStream(Supplier<Multi<T>> stream) {
            return Multi.createFrom().deferred(stream::get).onFailure().recoverWithMulti(failure -> stream.get());
        }
    };

    private static HttpChatModel model(FakeChatTransport transport, CallGuard guard) {
        return HttpChatModel.builder(FakeChatCodec.PROVIDER)
                .configuredName("main")
                .transport(transport)
                .settings(ModelSettings.of("fake-1"))
                .guard(guard)
                .build();
    }

    private static final class Events implements ChatCallback {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onStart(RunInfo run, List<Message> messages) {
            events.add("start");
        }

        @Override
        public void onRequest(RunInfo run, BiConsumer<String, String> headers) {
            headers.accept("x-run", run.runId().toString());
        }

        @Override
        public void onToken(RunInfo run, String token, AIMessageChunk chunk) {
            events.add("token " + token);
        }

        @Override
        public void onEnd(RunInfo run, AIMessage message) {
            events.add("end " + message.text());
        }

        @Override
        public void onError(RunInfo run, Throwable error) {
            events.add("error " + error.getClass().getSimpleName());
        }

        @Override
        public void onCancel(RunInfo run) {
            events.add("cancel");
        }

        @Override
        public void onRetry(RunInfo run, int attempt, Throwable failure) {
            events.add("retry " + attempt + " after " + (failure == null ? "nothing" : failure.getClass().getSimpleName()));
        }
    }

    @Test
    void aRetryIsReportedWithTheFailureOfTheAttemptBefore() {
        AtomicInteger attempts = new AtomicInteger();
        FakeChatTransport transport = FakeChatTransport.posting(call -> attempts.incrementAndGet() == 1
                ? Uni.createFrom().failure(new HttpStatusException(503, Map.of(), "{\"error\":{\"type\":\"overloaded\"}}"))
                : ok(FakeChatCodec.answer("fine", "fake-1", 1, 1)));
        Events events = new Events();

        model(transport, RETRY_ONCE).invoke(List.of(HumanMessage.of("hi")),
                RunConfig.EMPTY.withCallbacks(events));

        assertEquals(List.of("start", "retry 2 after ProviderServerException", "end fine"), events.events);
    }

    @Test
    void aRetryAfterAnAttemptTheGuardGaveUpOnHasNoFailure() {
        // the guard's timeout: the first attempt never answers, the guard cancels it and tries again
        CallGuard timingOut = new CallGuard() {
            @Override
            public <T> Uni<T> guard(Supplier<Uni<T>> call) {
                return Uni.createFrom().deferred(call::get).ifNoItem().after(Duration.ofMillis(10)).fail().onFailure()
                        .recoverWithUni(failure -> call.get());
            }

            @Override
            public <T> Multi<T> guardStream(Supplier<Multi<T>> stream) {
                throw new UnsupportedOperationException();
            }
        };
        AtomicInteger attempts = new AtomicInteger();
        FakeChatTransport transport = FakeChatTransport.posting(call -> attempts.incrementAndGet() == 1
                ? Uni.createFrom().nothing()
                : ok(FakeChatCodec.answer("fine", "fake-1", 1, 1)));
        Events events = new Events();

        model(transport, timingOut).invoke(List.of(HumanMessage.of("hi")), RunConfig.EMPTY.withCallbacks(events));

        assertEquals(List.of("start", "retry 2 after nothing", "end fine"), events.events);
    }

    @Test
    void aStreamRetriedBeforeItsFirstChunkIsReportedOnce() {
        AtomicInteger attempts = new AtomicInteger();
        FakeChatTransport transport = FakeChatTransport.streaming(call -> attempts.incrementAndGet() == 1
                ? Multi.createFrom().failure(new HttpStatusException(503, Map.of(), "{}"))
                : Multi.createFrom().iterable(FakeChatCodec.events("fake-1", 1, "ok")));
        Events events = new Events();

        model(transport, RETRY_ONCE).withConfig(RunConfig.EMPTY.withCallbacks(events)).stream("hi").collect().asList()
                .await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of("start", "retry 2 after ProviderServerException", "token ok", "token ", "end ok"),
                events.events);
    }

    @Test
    void aCancelledCallIsReportedAsCancelledOnly() {
        FakeChatTransport transport = FakeChatTransport.posting(call -> Uni.createFrom().nothing());
        Events events = new Events();

        Cancellable call = model(transport, CallGuard.NONE).withConfig(RunConfig.EMPTY.withCallbacks(events))
                .invokeAsync("hi").subscribe().with(answer -> {
                });
        call.cancel();

        assertEquals(List.of("start", "cancel"), events.events);
    }

    @Test
    void aStreamTheCallerStopsReadingIsReportedAsCancelled() {
        FakeChatTransport transport = FakeChatTransport
                .streaming(call -> Multi.createFrom().iterable(FakeChatCodec.events("fake-1", 1, "a", "b", "c")));
        Events events = new Events();

        model(transport, CallGuard.NONE).withConfig(RunConfig.EMPTY.withCallbacks(events)).stream("hi").select().first()
                .collect().asList().await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of("start", "token a", "cancel"), events.events);
    }

    @Test
    void callbacksAddHeadersToTheRequestOnlyWhenListening() {
        FakeChatTransport transport = FakeChatTransport.posting(call -> ok(FakeChatCodec.answer("ok", "fake-1", 1, 1)));
        HttpChatModel model = model(transport, CallGuard.NONE);
        Events events = new Events();

        model.invoke(List.of(HumanMessage.of("hi")), RunConfig.EMPTY.withCallbacks(events));
        model.invoke("hi");

        assertEquals(36, transport.calls().get(0).headers().get("x-run").length());
        assertNull(transport.calls().get(1).headers().get("x-run"));
    }
}
