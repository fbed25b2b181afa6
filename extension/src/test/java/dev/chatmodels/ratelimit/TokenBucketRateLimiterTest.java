package dev.chatmodels.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.Cancellable;

class TokenBucketRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    /** A clock that moves only when the test says so, counting how often it is read. */
    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final AtomicInteger reads = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private TokenBucketRateLimiter.Builder limiter() {
        return TokenBucketRateLimiter.builder().nanoTime(() -> {
            reads.incrementAndGet();
            return now.get();
        }).scheduler(timer).checkEvery(Duration.ofMillis(2));
    }

    private void advance(double seconds) {
        now.addAndGet(Math.round(seconds * SECOND));
    }

    private static int takeAll(TokenBucketRateLimiter limiter) {
        int taken = 0;
        while (limiter.tryAcquire() && taken < 1000) {
            taken++;
        }
        return taken;
    }

    @Test
    void startsEmptyAndAdmitsOneCallPerIntervalOfTheRate() {
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(2).build();

        assertFalse(limiter.tryAcquire(), "the bucket starts empty: no burst at start");
        advance(0.49);
        assertFalse(limiter.tryAcquire());
        advance(0.01);
        assertTrue(limiter.tryAcquire(), "half a second at 2/s gives one token");
        assertFalse(limiter.tryAcquire(), "each call takes one token");
    }

    @Test
    void fillsFromItsFirstUseNotFromItsCreation() {
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(1).maxBucketSize(5).build();
        advance(100);

        assertFalse(limiter.tryAcquire(), "a limiter created long ago still starts empty at its first call");
        advance(1);
        assertTrue(limiter.tryAcquire());
    }

    @Test
    void refillIsCappedAtTheBucketSize() {
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(10).maxBucketSize(3).build();
        assertFalse(limiter.tryAcquire());
        advance(60);

        assertEquals(3, takeAll(limiter), "a quiet minute fills the bucket to its size, not to 600");
        advance(0.1);
        assertEquals(1, takeAll(limiter));
    }

    @Test
    void keepsFractionsOfATokenAcrossFrequentChecks() {
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(1).build();
        assertFalse(limiter.tryAcquire());
        for (int i = 0; i < 9; i++) {
            advance(0.1);
            assertFalse(limiter.tryAcquire(), "after " + (i + 1) + " tenths of a second");
        }
        advance(0.1);
        assertTrue(limiter.tryAcquire(), "ten checks a tenth of a second apart add up to one token");
    }

    @Test
    void weightedModeChargesTheEstimateAgainstATokenBudgetThatStartsFull() {
        TokenBucketRateLimiter limiter = limiter().tokensPerMinute(6000).build();

        assertTrue(limiter.tryAcquire(4000), "the per-minute budget is there from the start");
        assertFalse(limiter.tryAcquire(2001));
        assertTrue(limiter.tryAcquire(2000));
        assertFalse(limiter.tryAcquire(1));
        advance(1);
        assertTrue(limiter.tryAcquire(100), "6000 per minute refills 100 per second");
        assertFalse(limiter.tryAcquire(1));
    }

    @Test
    void aCallAboveTheWholeBudgetWaitsForAFullBucketInsteadOfForever() {
        TokenBucketRateLimiter limiter = limiter().tokensPerMinute(600).build();

        assertTrue(limiter.tryAcquire(50_000), "charged the whole budget, not refused forever");
        advance(30);
        assertFalse(limiter.tryAcquire(50_000));
        advance(30);
        assertTrue(limiter.tryAcquire(50_000));
    }

    @Test
    void weightedModeAlsoTakesARequestTokenAndTakesNeitherWhenOneIsShort() {
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(1).maxBucketSize(2).tokensPerMinute(600).build();
        assertFalse(limiter.tryAcquire(10));
        advance(2);

        assertTrue(limiter.tryAcquire(500));
        assertFalse(limiter.tryAcquire(200), "over what is left of the token budget: refused");
        assertTrue(limiter.tryAcquire(100), "the refused call took no request token");
        assertFalse(limiter.tryAcquire(0), "both request tokens are gone");
    }

    @Test
    void admitsExactlyTheAccruedTokensUnderConcurrentCallers() throws Exception {
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(100).maxBucketSize(1000).build();
        assertFalse(limiter.tryAcquire());
        advance(5);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        if (limiter.tryAcquire()) {
                            admitted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var future : done) {
                future.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(500, admitted.get(), "1600 concurrent attempts, 500 tokens: exactly 500 admitted");
    }

    @Test
    void acquireWaitsOnATimerUntilTheClockHasMoved() {
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(1).build();

        UniAssertSubscriber<Void> waiting = limiter.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
        int readsBefore = reads.get();
        await(() -> reads.get() > readsBefore + 5, "the waiting call keeps checking the bucket");
        waiting.assertNotTerminated();

        advance(1);
        waiting.awaitItem(Duration.ofSeconds(5));
        assertFalse(limiter.tryAcquire(), "the waiting call took the token");
    }

    @Test
    void waitingCallsAreAdmittedFirstComeFirstServed() {
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(1).build();
        List<Integer> admitted = new CopyOnWriteArrayList<>();
        for (int call = 0; call < 5; call++) {
            int number = call;
            limiter.acquire().subscribe().with(ignored -> admitted.add(number));
        }

        for (int second = 1; second <= 5; second++) {
            advance(1);
            int expected = second;
            await(() -> admitted.size() == expected, expected + " calls admitted");
        }
        assertEquals(List.of(0, 1, 2, 3, 4), admitted);
    }

    @Test
    void admissionTellsTheClockReadingAtWhichEachCallTookItsToken() {
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(2).maxBucketSize(2).build();
        List<Long> admittedAt = new CopyOnWriteArrayList<>();
        for (int call = 0; call < 3; call++) {
            limiter.admission(1).subscribe().with(admittedAt::add);
        }
        long start = now.get();

        advance(0.5);
        await(() -> admittedAt.size() == 1, "one call admitted");
        advance(0.5);
        await(() -> admittedAt.size() == 2, "two calls admitted");
        advance(0.5);
        await(() -> admittedAt.size() == 3, "three calls admitted");
        assertEquals(List.of(start + SECOND / 2, start + SECOND, start + 3 * SECOND / 2), admittedAt);
        advance(5);
        UniAssertSubscriber<Long> atOnce = limiter.admission(1).subscribe().withSubscriber(UniAssertSubscriber.create());
        atOnce.assertItem(now.get());
    }

    @Test
    void aCallNeverJumpsTheLine() {
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(1).checkEvery(Duration.ofHours(1)).build();
        UniAssertSubscriber<Void> waiting = limiter.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
        advance(1);

        assertFalse(limiter.tryAcquire(), "the token is for the call that waited first");
        UniAssertSubscriber<Void> next = limiter.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
        next.assertNotTerminated();
        waiting.assertNotTerminated();
    }

    @Test
    void acquireCompletesAtOnceWhenATokenIsThere() {
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(1).checkEvery(Duration.ofHours(1)).build();
        assertFalse(limiter.tryAcquire());
        advance(1);

        UniAssertSubscriber<Void> call = limiter.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
        call.assertCompleted();
    }

    @Test
    void aCancelledWaitStopsCheckingAndTakesNoToken() throws InterruptedException {
        // one timer serves all waiting calls: with none left, the bucket is no longer checked
        TokenBucketRateLimiter limiter = limiter().requestsPerSecond(1).build();
        Cancellable waiting = limiter.acquire().subscribe().with(ignored -> {
        });
        int readsBefore = reads.get();
        await(() -> reads.get() > readsBefore + 2, "the waiting call checks the bucket");

        waiting.cancel();
        Thread.sleep(20);
        int readsAfterCancel = reads.get();
        Thread.sleep(50);
        assertEquals(readsAfterCancel, reads.get(), "a cancelled wait no longer polls");
        advance(1);
        assertTrue(limiter.tryAcquire(), "the cancelled wait left the token for others");
    }

    @Test
    void realTimeRateIsHeldWithoutBlockingThreads() {
        TokenBucketRateLimiter limiter = TokenBucketRateLimiter.builder().requestsPerSecond(50)
                .checkEvery(Duration.ofMillis(5)).scheduler(timer).build();
        long start = System.nanoTime();

        List<Long> admittedAt = Uni.join().all(java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> limiter.acquire().map(ignored -> System.nanoTime() - start)).toList())
                .andFailFast().await().atMost(Duration.ofSeconds(60));

        long lastMillis = admittedAt.stream().mapToLong(Long::longValue).max().orElseThrow() / 1_000_000;
        // 20 calls at 50/s from an empty bucket: the last one goes at 400 ms at the earliest.
        // (how much later depends on the machine's load: the exact pace is asserted with the fake clock above)
        assertTrue(lastMillis >= 390, "admitted too fast: " + lastMillis + " ms");
    }

    @Test
    void rejectsSettingsThatWouldNeverAdmitAnything() {
        assertThrows(IllegalArgumentException.class, () -> TokenBucketRateLimiter.builder().build());
        assertThrows(IllegalArgumentException.class, () -> TokenBucketRateLimiter.builder().requestsPerSecond(0));
        assertThrows(IllegalArgumentException.class, () -> TokenBucketRateLimiter.builder().maxBucketSize(0.5));
        assertThrows(IllegalArgumentException.class, () -> TokenBucketRateLimiter.builder().checkEvery(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> TokenBucketRateLimiter.builder().tokensPerMinute(0));
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + what, e);
            }
        }
    }
}
