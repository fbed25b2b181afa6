package dev.chatmodels.model;

import static dev.chatmodels.model.FakeChatTransport.ok;
import static dev.chatmodels.model.FakeChatTransport.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.chatmodels.callback.ChatCallback;
import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.ChatModelException;
import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderConnectionException;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.error.QuotaExceededException;
import dev.chatmodels.error.RateLimitException;
import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.error.StreamInterruptedException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.HttpStatusException;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.infrastructure.Infrastructure;

class HttpChatModelTest {

    private static final String API_KEY = "sk-test-very-secret-0123456789";
    /** A key in no known format: only redaction by value keeps it out. */
    private static final String GATEWAY_KEY = "mst-Zq81LmW0pPx7Ty4u";

    private static HttpChatModel model(FakeChatTransport transport) {
        return HttpChatModel.builder(FakeChatCodec.PROVIDER)
                .configuredName("main")
                .transport(transport)
                .apiKey(API_KEY)
                .settings(ModelSettings.of("fake-1"))
                .build();
    }

    /** Echoes the prompt back, upper-cased, reporting 3 input and 2 output tokens. */
    private static FakeChatTransport echo() {
        return FakeChatTransport.posting(call -> ok(FakeChatCodec.answer(prompt(call).toUpperCase(), "fake-1", 3, 2)));
    }

    private static HttpStatusException status(int status, String type, Map<String, List<String>> headers) {
        return new HttpStatusException(status, headers,
                "{\"error\": {\"type\": \"" + type + "\", \"message\": \"" + type + " happened\"}}");
    }

    private static Throwable failureOf(Uni<?> uni) {
        return assertThrows(Throwable.class, () -> uni.await().atMost(Duration.ofSeconds(5)));
    }

    /** Records the events of calls as text lines. */
    private static final class RecordingCallback implements ChatCallback {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<RunInfo> runs = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onStart(RunInfo run, List<Message> messages) {
            runs.add(run);
            events.add("start " + messages.get(messages.size() - 1).text());
        }

        @Override
        public void onToken(RunInfo run, String token, AIMessageChunk chunk) {
            events.add("token " + token);
        }

        @Override
        public void onEnd(RunInfo run, AIMessage message) {
            events.add("end " + message.text() + " " + message.usage());
        }

        @Override
        public void onError(RunInfo run, Throwable error) {
            events.add("error " + error.getClass().getSimpleName());
        }
    }

    @Test
    void invokeSendsTheEncodedRequestAndDecodesTheAnswer() {
        FakeChatTransport transport = echo();
        AIMessage answer = model(transport).bind(Map.of("top_p", 0.5))
                .invoke(List.of(SystemMessage.of("be loud"), HumanMessage.of("hello")));

        assertEquals("BE LOUD\nHELLO", answer.text());
        assertEquals(UsageMetadata.of(3, 2), answer.usage());
        assertEquals("fake-1", answer.modelName());
        assertEquals("fake", answer.responseMetadata().get(ResponseMetadata.MODEL_PROVIDER));
        assertEquals("main", answer.responseMetadata().get(ResponseMetadata.CONFIGURED_MODEL));
        HttpCall call = transport.calls().get(0);
        assertEquals("/chat", call.path());
        assertEquals("Bearer " + API_KEY, call.headers().get("Authorization"));
        assertEquals("yes", call.headers().get("x-fake"));
        assertTrue(call.body().contains("\"top_p\":0.5"), call.body());
        assertTrue(call.body().contains("\"stream\":false"), call.body());
    }

    @Test
    void invokeAsyncSendsNothingUntilSubscribed() {
        FakeChatTransport transport = echo();
        Uni<AIMessage> answer = model(transport).invokeAsync("hi");
        assertEquals(0, transport.calls().size());
        assertEquals("HI", answer.await().atMost(Duration.ofSeconds(5)).text());
        assertEquals(1, transport.calls().size());
    }

    @Test
    void streamDeliversChunksThatSumToTheAnswer() {
        FakeChatTransport transport = FakeChatTransport
                .streaming(call -> Multi.createFrom().iterable(FakeChatCodec.events("fake-1", 4, "Hel", "lo")));
        List<AIMessageChunk> chunks = model(transport).stream("hi").collect().asList().await()
                .atMost(Duration.ofSeconds(5));

        assertEquals(3, chunks.size());
        assertEquals("fake", chunks.get(0).responseMetadata().get(ResponseMetadata.MODEL_PROVIDER));
        AIMessage message = AIMessageChunk.sum(chunks).toMessage();
        assertEquals("Hello", message.text());
        assertEquals(UsageMetadata.of(4, 2), message.usage());
        assertEquals("fake-1", message.modelName());
        assertEquals("/stream", transport.calls().get(0).path());
        assertTrue(transport.calls().get(0).body().contains("\"stream\":true"));
    }

    @Test
    void callbacksSeeStartTokensAndEndInOrder() {
        RecordingCallback callback = new RecordingCallback();
        RunConfig config = RunConfig.named("greeting").withTags("t1").withMetadata("user", "u1").withCallbacks(callback);

        model(echo()).invoke(List.of(HumanMessage.of("hi")), config);
        assertEquals(List.of("start hi", "end HI " + UsageMetadata.of(3, 2)), callback.events);
        RunInfo run = callback.runs.get(0);
        assertEquals("greeting", run.runName());
        assertEquals(List.of("t1"), run.tags());
        assertEquals(Map.of("user", "u1"), run.metadata());
        assertEquals("fake", run.provider());
        assertEquals("fake-1", run.modelName());
        assertEquals("main", run.configuredName());

        callback.events.clear();
        FakeChatTransport streaming = FakeChatTransport
                .streaming(call -> Multi.createFrom().iterable(FakeChatCodec.events("fake-1", 4, "a", "b")));
        model(streaming).stream(List.of(HumanMessage.of("go")), config).collect().asList().await()
                .atMost(Duration.ofSeconds(5));
        assertEquals(List.of("start go", "token a", "token b", "token ", "end ab " + UsageMetadata.of(4, 2)),
                callback.events);
    }

    @Test
    void callbacksSeeErrorsAndAFailingCallbackDoesNotFailTheCall() {
        RecordingCallback callback = new RecordingCallback();
        ChatCallback broken = new ChatCallback() {
            @Override
            public void onEnd(RunInfo run, AIMessage message) {
                throw new IllegalStateException("callback bug");
            }
        };
        RunConfig config = RunConfig.EMPTY.withCallbacks(broken, callback);
        assertEquals("OK", model(echo()).invoke(List.of(HumanMessage.of("ok")), config).text());

        callback.events.clear();
        FakeChatTransport failing = FakeChatTransport
                .posting(call -> Uni.createFrom().failure(status(500, "server_error", Map.of())));
        assertThrows(ProviderServerException.class, () -> model(failing).invoke(List.of(HumanMessage.of("x")), config));
        assertEquals(List.of("start x", "error ProviderServerException"), callback.events);
    }

    @Test
    void withConfigDefaultsMergeUnderTheCallConfig() {
        RecordingCallback defaults = new RecordingCallback();
        RecordingCallback perCall = new RecordingCallback();
        ChatModel configured = model(echo()).withConfig(RunConfig.named("default-name").withTags("a").withCallbacks(defaults));
        configured.invoke(List.of(HumanMessage.of("hi")), RunConfig.EMPTY.withTags("b").withCallbacks(perCall));
        assertEquals(2, defaults.events.size());
        assertEquals(2, perCall.events.size());
        assertEquals("default-name", perCall.runs.get(0).runName());
        assertEquals(List.of("a", "b"), perCall.runs.get(0).tags());
    }

    @Test
    void batchReturnsResultsInInputOrderAndKeepsOthersWhenOneFails() {
        FakeChatTransport transport = FakeChatTransport.posting(call -> {
            String prompt = prompt(call);
            if (prompt.equals("bad")) {
                return Uni.createFrom().failure(status(400, "invalid_request_error", Map.of()));
            }
            // later inputs answer sooner, so completion order differs from input order
            return ok(FakeChatCodec.answer(prompt, "fake-1", 1, 1), Duration.ofMillis(60 - 10L * Integer.parseInt(prompt)));
        });
        List<BatchResult<AIMessage>> results = model(transport).batchPrompts(List.of("0", "1", "bad", "3", "4"),
                RunConfig.EMPTY);

        assertEquals(List.of(0, 1, 2, 3, 4), results.stream().map(BatchResult::index).toList());
        assertEquals("0", results.get(0).value().text());
        assertEquals("4", results.get(4).getOrThrow().text());
        assertFalse(results.get(2).isSuccess());
        assertInstanceOf(InvalidRequestException.class, results.get(2).error());
        assertThrows(InvalidRequestException.class, results.get(2)::getOrThrow);
    }

    @Test
    void batchAsCompletedDeliversInCompletionOrder() {
        // the test decides when each answer comes: the order is exact, whatever the machine's load
        Map<String, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();
        Function<String, CompletableFuture<Void>> gate = prompt -> gates.computeIfAbsent(prompt,
                ignored -> new CompletableFuture<>());
        FakeChatTransport transport = FakeChatTransport.posting(call -> {
            String prompt = prompt(call);
            return Uni.createFrom().completionStage(gate.apply(prompt))
                    .chain(() -> ok(FakeChatCodec.answer(prompt, "fake-1", 1, 1)));
        });
        List<List<Message>> inputs = IntStream.range(0, 3).mapToObj(i -> List.<Message> of(HumanMessage.of("" + i)))
                .toList();
        AssertSubscriber<BatchResult<AIMessage>> results = model(transport).batchAsCompleted(inputs, RunConfig.EMPTY)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (transport.calls().size() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(3, transport.calls().size(), "all three calls in flight at once");

        List.of("2", "1", "0").forEach(prompt -> gate.apply(prompt).complete(null));
        results.awaitCompletion(Duration.ofSeconds(60));

        assertEquals(List.of(2, 1, 0), results.getItems().stream().map(BatchResult::index).toList());
        assertEquals(List.of("2", "1", "0"), results.getItems().stream().map(r -> r.value().text()).toList());
    }

    @Test
    void batchHonoursMaxConcurrency() {
        // no answer before three calls are in flight: the peak is exact, whatever the machine's load
        CompletableFuture<Void> threeInFlight = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        FakeChatTransport transport = FakeChatTransport.posting(call -> {
            if (started.incrementAndGet() == 3) {
                threeInFlight.complete(null);
            }
            return Uni.createFrom().completionStage(threeInFlight)
                    .chain(() -> ok(FakeChatCodec.answer("ok", "fake-1", 1, 1)));
        });
        List<String> prompts = IntStream.range(0, 12).mapToObj(Integer::toString).toList();

        List<BatchResult<AIMessage>> results = model(transport).batchPrompts(prompts,
                RunConfig.EMPTY.withMaxConcurrency(3));

        assertEquals(12, results.size());
        assertTrue(results.stream().allMatch(BatchResult::isSuccess));
        assertEquals(12, transport.calls().size());
        assertEquals(3, transport.peakInFlight(), "never more than 3 requests at once, and 3 reached");
        assertEquals(0, transport.inFlight());
    }

    @Test
    void cancellingTheStreamCancelsTheTransport() {
        // one event, then the stream stays open, like a long answer still being generated
        FakeChatTransport transport = FakeChatTransport
                .streaming(call -> Multi.createFrom().emitter(emitter -> emitter.emit(FakeChatCodec.text("first"))));
        AssertSubscriber<AIMessageChunk> subscriber = model(transport).stream("go")
                .subscribe().withSubscriber(AssertSubscriber.create(1));

        subscriber.awaitItems(1, Duration.ofSeconds(5));
        subscriber.cancel();

        assertEquals("first", subscriber.getItems().get(0).text());
        assertTrue(transport.streamCancelled(), "the transport stream saw the cancellation");
        assertEquals(0, transport.inFlight());
    }

    @Test
    void blockingCallsRefuseToRunOnANonBlockingThread() {
        HttpChatModel model = model(echo());
        Infrastructure.setCanCallerThreadBeBlockedSupplier(() -> false);
        try {
            IllegalStateException invoke = assertThrows(IllegalStateException.class, () -> model.invoke("hi"));
            assertTrue(invoke.getMessage().contains("invoke() blocks") && invoke.getMessage().contains("invokeAsync()"),
                    invoke.getMessage());
            IllegalStateException batch = assertThrows(IllegalStateException.class,
                    () -> model.batchPrompts(List.of("a"), RunConfig.EMPTY));
            assertTrue(batch.getMessage().contains("batchAsync()"), batch.getMessage());
        } finally {
            Infrastructure.resetCanCallerThreadBeBlockedSupplier();
        }
        assertEquals("HI", model.invoke("hi").text());
    }

    @Test
    void aStreamFailingAfterChunksCarriesWhatWasReceived() {
        RecordingCallback callback = new RecordingCallback();
        FakeChatTransport transport = FakeChatTransport.streaming(call -> Multi.createFrom()
                .items(FakeChatCodec.text("Hel"), FakeChatCodec.text("lo"))
                .onCompletion().failWith(() -> new IOException("Connection reset")));
        AssertSubscriber<AIMessageChunk> subscriber = model(transport)
                .stream(List.of(HumanMessage.of("go")), RunConfig.EMPTY.withCallbacks(callback))
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        StreamInterruptedException error = (StreamInterruptedException) subscriber
                .awaitFailure(Duration.ofSeconds(5)).getFailure();
        assertEquals(2, subscriber.getItems().size());
        assertEquals("Hello", error.received().text());
        assertInstanceOf(ProviderConnectionException.class, error.getCause());
        assertInstanceOf(IOException.class, error.getCause().getCause());
        assertTrue(error.getMessage().contains("after 2 chunks") && error.getMessage().contains("Connection reset"),
                error.getMessage());
        assertEquals(List.of("start go", "token Hel", "token lo", "error StreamInterruptedException"), callback.events);
    }

    /** A setting whose value cannot be written as JSON, with the API key in the reason. */
    public static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("cannot write " + API_KEY);
        }
    }

    @Test
    void aRequestThatCannotBeEncodedFailsTheCallRedactedAndCallbacksHearOfIt() {
        // encoding runs inside the call (no operator of its own): its failure must still pass redaction and callbacks
        RecordingCallback callback = new RecordingCallback();
        FakeChatTransport transport = echo();
        HttpChatModel model = model(transport).bind(Map.of("extra", new Unwritable()));
        RunConfig config = RunConfig.EMPTY.withCallbacks(callback);

        Throwable invoke = failureOf(model.invokeAsync(List.of(HumanMessage.of("go")), config));
        Throwable stream = model.stream(List.of(HumanMessage.of("go")), config).subscribe()
                .withSubscriber(AssertSubscriber.create(10)).awaitFailure(Duration.ofSeconds(5)).getFailure();

        for (Throwable failure : List.of(invoke, stream)) {
            String text = failure + " " + failure.getCause();
            assertTrue(text.contains("cannot write"), text);
            assertFalse(text.contains(API_KEY), text);
        }
        assertEquals(2, callback.events.stream().filter(event -> event.startsWith("error ")).count(),
                callback.events.toString());
        assertEquals(0, transport.calls().size());
    }

    @Test
    void aStreamFailingBeforeAnyChunkFailsWithTheCause() {
        FakeChatTransport transport = FakeChatTransport
                .streaming(call -> Multi.createFrom().failure(status(429, "rate_limit_error",
                        Map.of("retry-after", List.of("7"), "request-id", List.of("req_1")))));
        Throwable error = model(transport).stream("go").subscribe().withSubscriber(AssertSubscriber.create(10))
                .awaitFailure(Duration.ofSeconds(5)).getFailure();
        RateLimitException rateLimit = assertInstanceOf(RateLimitException.class, error);
        assertEquals(Duration.ofSeconds(7), rateLimit.retryAfter());
        assertEquals("req_1", rateLimit.requestId());
    }

    @Test
    void anErrorEventInTheStreamIsAProviderException() {
        FakeChatTransport transport = FakeChatTransport.streaming(call -> Multi.createFrom().items(
                FakeChatCodec.text("a"),
                new StreamEvent("error", "{\"error\": {\"type\": \"overloaded_error\", \"message\": \"busy\"}}")));
        StreamInterruptedException error = (StreamInterruptedException) model(transport).stream("go").subscribe()
                .withSubscriber(AssertSubscriber.create(10)).awaitFailure(Duration.ofSeconds(5)).getFailure();
        assertInstanceOf(ProviderException.class, error.getCause());
        assertEquals("a", error.received().text());
    }

    @Test
    void httpErrorsBecomeTypedProviderExceptions() {
        record Case(int status, String type, Class<? extends ProviderException> expected) {
        }
        for (Case c : List.of(new Case(400, "invalid_request_error", InvalidRequestException.class),
                new Case(401, "authentication_error", AuthenticationException.class),
                new Case(429, "rate_limit_error", RateLimitException.class),
                new Case(429, "insufficient_quota", QuotaExceededException.class),
                new Case(529, "overloaded_error", ProviderServerException.class))) {
            FakeChatTransport transport = FakeChatTransport.posting(
                    call -> Uni.createFrom().failure(status(c.status, c.type, Map.of("request-id", List.of("req_9")))));
            Throwable error = failureOf(model(transport).invokeAsync("hi"));
            ProviderException provider = assertInstanceOf(c.expected, error, c.toString());
            assertEquals(c.status, provider.status());
            assertEquals(c.type, provider.errorType());
            assertEquals("req_9", provider.requestId());
            assertEquals("fake returned HTTP " + c.status + " " + c.type + ": " + c.type + " happened [request id req_9]",
                    provider.getMessage());
        }
    }

    @Test
    void ioErrorsBecomeProviderConnectionExceptions() {
        FakeChatTransport transport = FakeChatTransport
                .posting(call -> Uni.createFrom().failure(new java.net.ConnectException("Connection refused")));
        Throwable error = failureOf(model(transport).invokeAsync("hi"));
        ProviderConnectionException connection = assertInstanceOf(ProviderConnectionException.class, error);
        assertInstanceOf(java.net.ConnectException.class, connection.getCause());
        assertTrue(connection.getMessage().contains("fake model fake-1")
                && connection.getMessage().contains("Connection refused"), connection.getMessage());
    }

    @Test
    void anAnswerThatCannotBeReadIsNotAConnectionProblem() {
        FakeChatTransport notJson = FakeChatTransport.posting(call -> ok("<html>gateway</html>"));
        ProviderException invalid = assertInstanceOf(ProviderException.class,
                failureOf(model(notJson).invokeAsync("hi")));
        assertEquals("invalid_response", invalid.errorType());
        assertTrue(invalid.isRetryable());

        FakeChatTransport unexpected = FakeChatTransport.posting(call -> ok("{\"no_text\": true}"));
        Throwable error = failureOf(model(unexpected).invokeAsync("hi"));
        assertSame(ChatModelException.class, error.getClass(), error.toString());
        assertTrue(error.getMessage().startsWith("Could not read the answer of fake model fake-1"), error.getMessage());
    }

    @Test
    void theApiKeyNeverShows() {
        FakeChatTransport transport = FakeChatTransport.posting(call -> Uni.createFrom().failure(
                status(401, "authentication_error", Map.of())));
        HttpChatModel model = model(transport);
        List<String> texts = new ArrayList<>();
        texts.add(model.toString());
        Throwable error = failureOf(model.invokeAsync("hi"));
        for (Throwable t = error; t != null; t = t.getCause()) {
            texts.add(t.toString());
        }
        texts.add(transport.calls().get(0).toString());
        FakeChatTransport broken = FakeChatTransport.posting(call -> Uni.createFrom().failure(new IOException("reset")));
        for (Throwable t = failureOf(model(broken).invokeAsync("hi")); t != null; t = t.getCause()) {
            texts.add(t.toString());
        }
        for (String text : texts) {
            assertFalse(text.contains(API_KEY) || text.contains("sk-test"), text);
        }
        assertEquals("HttpChatModel[main=fake:fake-1]", model.toString());
    }

    @Test
    void keysOfAnyFormatEchoedInFailuresNeverReachTheCaller() {
        String gatewayToken = "gw9f8e7d6c5b4a3f2e1d";
        String echo = "key " + GATEWAY_KEY + " and token " + gatewayToken + " rejected";
        String errorBody = "{\"error\": {\"type\": \"invalid_request_error\", \"message\": \"" + echo + "\"}}";
        RecordingCallback callback = new RecordingCallback();
        List<Throwable> failures = new ArrayList<>();
        for (int status : List.of(400, 422, 429, 500, 503)) {
            failures.add(failureOf(gatewayModel(FakeChatTransport.posting(
                    call -> Uni.createFrom().failure(new HttpStatusException(status, Map.of(), errorBody))), gatewayToken)
                    .invokeAsync(List.of(HumanMessage.of("hi")), RunConfig.EMPTY.withCallbacks(callback))));
        }
        // an answer that is not what the codec expects, quoting the key
        failures.add(failureOf(gatewayModel(FakeChatTransport.posting(call -> ok("{\"oops\": \"" + echo + "\"}")),
                gatewayToken).invokeAsync("hi")));
        failures.add(failureOf(gatewayModel(FakeChatTransport.posting(
                call -> Uni.createFrom().failure(new IOException("proxy refused " + echo))), gatewayToken).invokeAsync("hi")));
        // an error event before and after chunks
        for (List<StreamEvent> events : List.of(List.of(new StreamEvent("error", errorBody)),
                List.of(FakeChatCodec.text("a"), new StreamEvent("error", errorBody)))) {
            failures.add(gatewayModel(FakeChatTransport.streaming(call -> Multi.createFrom().iterable(events)), gatewayToken)
                    .stream("go").subscribe().withSubscriber(AssertSubscriber.create(10))
                    .awaitFailure(Duration.ofSeconds(5)).getFailure());
        }
        failures.add(gatewayModel(FakeChatTransport.streaming(call -> Multi.createFrom().item(FakeChatCodec.text("a"))
                .onCompletion().failWith(() -> new IOException("reset by " + echo))), gatewayToken)
                .stream("go").subscribe().withSubscriber(AssertSubscriber.create(10))
                .awaitFailure(Duration.ofSeconds(5)).getFailure());

        assertInstanceOf(InvalidRequestException.class, failures.get(0));
        assertInstanceOf(RateLimitException.class, failures.get(2));
        assertInstanceOf(StreamInterruptedException.class, failures.get(failures.size() - 1));
        List<String> texts = new ArrayList<>(callback.events);
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                texts.add(t.toString());
                if (t instanceof ProviderException provider) {
                    texts.add(provider.providerMessage());
                }
            }
        }
        for (String text : texts) {
            assertFalse(text.contains(GATEWAY_KEY.substring(0, SecretRedactor.MIN_FRAGMENT))
                    || text.contains(gatewayToken.substring(4, 4 + SecretRedactor.MIN_FRAGMENT)), text);
        }
        assertTrue(texts.stream().anyMatch(text -> text.contains("key [redacted] and token [redacted] rejected")),
                texts::toString);
    }

    private static HttpChatModel gatewayModel(FakeChatTransport transport, String gatewayToken) {
        return HttpChatModel.builder(FakeChatCodec.PROVIDER).transport(transport).apiKey(GATEWAY_KEY)
                .headers(Map.of("X-Gateway-Token", gatewayToken)).settings(ModelSettings.of("fake-1")).build();
    }

    @Test
    void blockingInvokeRethrowsTheProviderExceptionUnwrapped() {
        FakeChatTransport transport = FakeChatTransport
                .posting(call -> Uni.createFrom().failure(status(404, "not_found_error", Map.of())));
        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> model(transport).invoke("hi"));
        assertNull(error.retryAfter());
        assertEquals(404, error.status());
    }
}
