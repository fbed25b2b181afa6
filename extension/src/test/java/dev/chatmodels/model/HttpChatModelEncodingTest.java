package dev.chatmodels.model;

import static dev.chatmodels.model.FakeChatTransport.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.provider.ChatCodec;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.resilience.CallGuard;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.HttpStatusException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** A request is encoded once per model call, and a large one never on a thread that must not block. */
class HttpChatModelEncodingTest {

    private static final String EVENT_LOOP = "fake-event-loop";

    /** The fake codec, counting encodings and noting the threads they ran on. */
    private static final class CountingCodec implements ChatCodec {
        final ChatCodec codec = new FakeChatCodec();
        final AtomicInteger encodings = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public String path(ChatRequest request, boolean stream) {
            return codec.path(request, stream);
        }

        @Override
        public ObjectNode encode(ChatRequest request, boolean stream) {
            encodings.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            return codec.encode(request, stream);
        }

        @Override
        public AIMessage decode(JsonNode response) {
            return codec.decode(response);
        }

        @Override
        public StreamDecoder newStreamDecoder() {
            return codec.newStreamDecoder();
        }

        @Override
        public ProviderError decodeError(int status, Map<String, List<String>> headers, String body) {
            return codec.decodeError(status, headers, body);
        }
    }

    /** Tries a call up to three times. */
    private static final CallGuard THREE_ATTEMPTS = new CallGuard() {
        @Override
        public <T> Uni<T> guard(Supplier<Uni<T>> call) {
            return Uni.createFrom().deferred(call::get).onFailure().retry().atMost(2);
        }

        @Override
        public <T> Multi<T> guardStream(Supplier<Multi<T>> stream) {
            return Multi.createFrom().deferred(stream::get).onFailure().retry().atMost(2);
        }
    };

    private final CountingCodec codec = new CountingCodec();
    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor(task -> new Thread(task, EVENT_LOOP));

    @AfterEach
    void stop() {
        Infrastructure.resetCanCallerThreadBeBlockedSupplier();
        eventLoop.shutdownNow();
    }

    private HttpChatModel model(FakeChatTransport transport) {
        ProviderDescriptor counted = FakeChatCodec.descriptor(() -> codec);
        return HttpChatModel.builder(counted).transport(transport).apiKey("key").settings(ModelSettings.of("fake-1"))
                .guard(THREE_ATTEMPTS).build();
    }

    private static HttpStatusException serverError() {
        return new HttpStatusException(500, Map.of(), "{\"error\": {\"type\": \"server_error\"}}");
    }

    @Test
    void threeAttemptsOfACallEncodeItsRequestOnce() {
        AtomicInteger attempts = new AtomicInteger();
        FakeChatTransport transport = FakeChatTransport.posting(call -> attempts.incrementAndGet() < 3
                ? Uni.createFrom().failure(serverError())
                : ok(FakeChatCodec.answer("done", "fake-1", 1, 1)));

        assertEquals("done", model(transport).invokeAsync("hi").await().atMost(Duration.ofSeconds(10)).text());
        assertEquals(3, transport.calls().size());
        assertEquals(1, codec.encodings.get());
        assertEquals(1, transport.calls().stream().map(HttpCall::body).distinct().count(), "the same body each time");
    }

    @Test
    void threeAttemptsOfAStreamEncodeItsRequestOnce() {
        AtomicInteger attempts = new AtomicInteger();
        FakeChatTransport transport = FakeChatTransport.streaming(call -> attempts.incrementAndGet() < 3
                ? Multi.createFrom().failure(serverError())
                : Multi.createFrom().iterable(FakeChatCodec.events("fake-1", 1, "done")));

        List<AIMessageChunk> chunks = model(transport).stream("hi").collect().asList().await()
                .atMost(Duration.ofSeconds(10));
        assertEquals("done", AIMessageChunk.sum(chunks).text());
        assertEquals(3, transport.calls().size());
        assertEquals(1, codec.encodings.get());
    }

    @Test
    void aLargeRequestIsEncodedOffAThreadThatMustNotBlock() throws Exception {
        Infrastructure.setCanCallerThreadBeBlockedSupplier(() -> !Thread.currentThread().getName().equals(EVENT_LOOP));
        FakeChatTransport transport = FakeChatTransport.posting(call -> ok(FakeChatCodec.answer("ok", "fake-1", 1, 1)));
        HttpChatModel model = model(transport);
        String large = "x".repeat(RequestSize.LARGE);

        onEventLoop(() -> model.invokeAsync(List.of(HumanMessage.of(large)), RunConfig.EMPTY));
        HttpChatModel streaming = model(FakeChatTransport
                .streaming(call -> Multi.createFrom().iterable(FakeChatCodec.events("fake-1", 1, "ok"))));
        onEventLoop(() -> streaming.stream(List.of(HumanMessage.of(large)), RunConfig.EMPTY).collect().asList());
        assertEquals(2, codec.threads.size());
        codec.threads.forEach(thread -> assertNotEquals(EVENT_LOOP, thread));

        codec.threads.clear();
        onEventLoop(() -> model.invokeAsync(List.of(HumanMessage.of("small")), RunConfig.EMPTY));
        assertEquals(List.of(EVENT_LOOP), codec.threads, "a small request is not worth a thread switch");
    }

    @Test
    void aLargeRequestIsEncodedWhereItIsCalledWhenThatThreadMayBlock() {
        FakeChatTransport transport = FakeChatTransport.posting(call -> ok(FakeChatCodec.answer("ok", "fake-1", 1, 1)));
        model(transport).invoke(List.of(HumanMessage.of("x".repeat(RequestSize.LARGE))));
        assertEquals(List.of(Thread.currentThread().getName()), codec.threads);
    }

    /** Subscribes on the fake event loop, as a request handler there would, and waits here for the outcome. */
    private <T> T onEventLoop(Supplier<Uni<T>> call) throws Exception {
        CompletableFuture<T> outcome = eventLoop.submit(() -> call.get().subscribe().asCompletionStage()).get();
        return outcome.get(30, TimeUnit.SECONDS);
    }
}
