package dev.chatmodels.usage;

import static dev.chatmodels.model.FakeChatTransport.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.model.FakeChatCodec;
import dev.chatmodels.model.FakeChatTransport;
import dev.chatmodels.model.HttpChatModel;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.transport.HttpResult;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

class UsageScopeTest {

    /** A model called {@code name} answering with 10 input and 2 output tokens, after {@code delay}. */
    private static HttpChatModel model(String name, Duration delay) {
        FakeChatTransport transport = FakeChatTransport.posting(call -> {
            Uni<HttpResult> answer = ok(FakeChatCodec.answer("ok", name, 10, 2));
            return delay.isZero() ? answer : answer.onItem().delayIt().by(delay);
        });
        return HttpChatModel.builder(FakeChatCodec.PROVIDER).transport(transport).settings(ModelSettings.of(name))
                .build();
    }

    @AfterEach
    void noScopeLeftOpen() {
        assertTrue(UsageScope.activeCallbacks().isEmpty(), "a test left a scope open");
    }

    @Test
    void collectsEveryCallStartedInsideWhicheverModelMakesIt() {
        HttpChatModel first = model("first", Duration.ZERO);
        HttpChatModel second = model("second", Duration.ZERO);
        FakeChatTransport streaming = FakeChatTransport
                .streaming(call -> Multi.createFrom().iterable(FakeChatCodec.events("second", 4, "a")));
        HttpChatModel streamingModel = HttpChatModel.builder(FakeChatCodec.PROVIDER).transport(streaming)
                .settings(ModelSettings.of("second")).build();

        UsageScope scope = UsageScope.open();
        try (scope) {
            first.invoke("a");
            first.invoke("b");
            second.invoke("c");
            streamingModel.stream("d").collect().asList().await().atMost(Duration.ofSeconds(5));
        }
        first.invoke("after the scope closed");

        assertEquals(Map.of("first", UsageMetadata.of(20, 4), "second", UsageMetadata.of(14, 3)),
                scope.usageByModel());
        assertEquals(UsageMetadata.of(34, 7), scope.total());
    }

    @Test
    void scopesNest() {
        HttpChatModel model = model("m", Duration.ZERO);
        try (UsageScope outer = UsageScope.open()) {
            model.invoke("outside the inner scope");
            try (UsageScope inner = UsageScope.open()) {
                model.invoke("inside both");
                assertEquals(UsageMetadata.of(10, 2), inner.total());
            }
            model.invoke("inner closed");
            assertEquals(UsageMetadata.of(30, 6), outer.total());
        }
    }

    @Test
    void anAsyncCallStartedInsideCountsWhereverItCompletes() {
        HttpChatModel model = model("m", Duration.ofMillis(20));
        Uni<AIMessage> call;
        UsageScope scope = UsageScope.open();
        try (scope) {
            call = model.invokeAsync("hi");
        }
        call.await().atMost(Duration.ofSeconds(5));
        assertEquals(UsageMetadata.of(10, 2), scope.total());
    }

    @Test
    void aBatchCountsEveryInputOnce() {
        // with one request at a time, every input after the first starts on the thread that completed the previous one
        HttpChatModel model = model("m", Duration.ofMillis(5));
        try (UsageScope scope = UsageScope.open()) {
            model.batchPrompts(IntStream.range(0, 5).mapToObj(i -> "p" + i).toList(),
                    RunConfig.EMPTY.withMaxConcurrency(1));
            assertEquals(UsageMetadata.of(50, 10), scope.total());
        }
    }

    @Test
    void aScopeClosedOnAnotherThreadStopsJoiningCalls() {
        HttpChatModel model = model("m", Duration.ZERO);
        UsageScope scope = UsageScope.open();
        model.invoke("counted");
        CompletableFuture.runAsync(scope::close).join();
        model.invoke("not counted");
        assertEquals(UsageMetadata.of(10, 2), scope.total());
    }

    @Test
    void aScopeOnlySeesCallsStartedOnItsThread() throws Exception {
        HttpChatModel model = model("m", Duration.ZERO);
        try (UsageScope scope = UsageScope.open()) {
            CompletableFuture.runAsync(() -> model.invoke("elsewhere")).get();
            assertTrue(scope.usageByModel().isEmpty());
        }
    }
}
