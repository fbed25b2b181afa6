package dev.chatmodels.quarkus.runtime.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

class StreamStartTest {

    @Test
    void completesAtTheFirstItemWithTheWholeStreamFromIt() {
        UnicastProcessor<String> source = UnicastProcessor.create();

        UniAssertSubscriber<Multi<String>> started = StreamStart.firstItemOf(source).subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        started.assertNotTerminated();
        source.onNext("Hel");
        Multi<String> rest = started.assertCompleted().getItem();
        AssertSubscriber<String> reader = rest.subscribe().withSubscriber(AssertSubscriber.create(10));
        source.onNext("lo");
        source.onComplete();

        reader.assertCompleted().assertItems("Hel", "lo");
    }

    @Test
    void aFailureBeforeTheFirstItemFailsTheStartAndOneAfterItFailsTheRest() {
        IllegalStateException early = new IllegalStateException("early");
        UniAssertSubscriber<Multi<String>> failed = StreamStart.firstItemOf(Multi.createFrom().<String> failure(early))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        assertSame(early, failed.assertFailed().getFailure());

        IllegalStateException late = new IllegalStateException("late");
        Multi<String> rest = StreamStart.firstItemOf(Multi.createBy().concatenating()
                .streams(Multi.createFrom().item("Hel"), Multi.createFrom().<String> failure(late)))
                .await().atMost(Duration.ofSeconds(1));
        AssertSubscriber<String> reader = rest.subscribe().withSubscriber(AssertSubscriber.create(10));
        reader.assertFailedWith(IllegalStateException.class, "late");
        assertEquals(List.of("Hel"), reader.getItems());
    }

    @Test
    void anEmptyStreamStartsEmpty() {
        List<String> items = StreamStart.firstItemOf(Multi.createFrom().<String> empty())
                .onItem().transformToMulti(rest -> rest).collect().asList().await().atMost(Duration.ofSeconds(1));
        assertEquals(List.of(), items);
    }

    @Test
    void givingUpBeforeTheFirstItemCancelsTheStream() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Multi<String> silent = Multi.createFrom().<String> nothing().onCancellation().invoke(() -> cancelled.set(true));

        UniAssertSubscriber<Multi<String>> started = StreamStart.firstItemOf(silent)
                .ifNoItem().after(Duration.ofMillis(20)).fail()
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        started.awaitFailure(Duration.ofSeconds(1));
        assertTrue(cancelled.get(), "a timed-out start cancels the stream it waited for");
    }

    @Test
    void cancellingTheRestCancelsTheStream() {
        AtomicBoolean cancelled = new AtomicBoolean();
        UnicastProcessor<String> source = UnicastProcessor.create();
        UniAssertSubscriber<Multi<String>> started = StreamStart
                .firstItemOf(source.onCancellation().invoke(() -> cancelled.set(true)))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        source.onNext("first");

        AssertSubscriber<String> reader = started.assertCompleted().getItem().subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        reader.assertItems("first");
        assertFalse(cancelled.get());
        reader.cancel();

        assertTrue(cancelled.get(), "the caller stopping reading closes the stream");
    }
}
