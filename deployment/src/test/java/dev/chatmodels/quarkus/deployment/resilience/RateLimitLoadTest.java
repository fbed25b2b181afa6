package dev.chatmodels.quarkus.deployment.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.error.ProviderServerException;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.ratelimit.RateLimiter;
import dev.chatmodels.ratelimit.TokenBucketRateLimiter;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.Reply;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * Hundreds of concurrent callers sharing rate-limited models, against the provider stand-in on loopback: the limiter
 * admits calls at its pace exactly (measured by its own clock), every call completes or fails cleanly, nothing hangs,
 * and the rate the stand-in sees stays near the limit.
 */
class RateLimitLoadTest extends StandInSuite {

    private static final Logger LOG = Logger.getLogger(RateLimitLoadTest.class);
    private static final String PATH = "/v1/chat/completions";
    private static final int CALLERS = 300;
    private static final double RATE = 100;
    private static final int BURST = 10;
    private static final double SHARED_RATE = 20;
    /**
     * Calls reach the stand-in some time after the limiter admits them, and on a busy 2-core machine that delay varies:
     * a stalled client lets a second's admissions pile up and arrive together with the next second's. The arrival rate
     * is therefore checked against twice the limit, which only a limiter that does not limit can exceed; the exact pace
     * is asserted on the admission times the limiter reports, and with a fake clock in TokenBucketRateLimiterTest.
     */
    private static final int ARRIVAL_MARGIN = 2;

    /** No retries: every request the stand-in sees is a call. */
    @RegisterExtension
    static final QuarkusUnitTest app = application(RateLimitLoadTest.class,
            Map.of("pool-a", "openai:gpt-4.1-mini", "pool-b", "openai:gpt-4.1-mini"),
            Map.of("max-retries", "0", "timeout", "5s"), RequestRate.class)
            .overrideConfigKey("quarkus.chat-models.pool-a.rate-limit.shared", "pool")
            .overrideConfigKey("quarkus.chat-models.pool-b.rate-limit.shared", "pool")
            .overrideConfigKey("quarkus.chat-models.rate-limiters.pool.requests-per-second", Double.toString(SHARED_RATE))
            .overrideConfigKey("quarkus.chat-models.rate-limiters.pool.check-every", "10ms");

    @Inject
    ChatModels models;

    @Test
    void hundredsOfConcurrentCallersAreAdmittedAtTheLimitersPaceAndAllFinishCleanly() {
        TokenBucketRateLimiter limiter = TokenBucketRateLimiter.builder().requestsPerSecond(RATE)
                .maxBucketSize(BURST).checkEvery(Duration.ofMillis(10)).build();
        List<Long> admissions = Collections.synchronizedList(new ArrayList<>());
        RateLimiter recorded = () -> limiter.admission(1).invoke(admissions::add).replaceWithVoid();
        ChatModel limited = warmedUp(models.init("openai:gpt-4.1-mini", Map.of("base_url", standIn.baseUrl() + "/v1",
                "api_key", "sk-stand-in-test", "max_retries", 0, "timeout", "5s", "rate_limiter", recorded)));
        admissions.clear();
        // every tenth call meets a server error: with no retries, exactly those calls fail, the others complete
        Reply[] replies = IntStream.range(0, CALLERS)
                .mapToObj(
                        i -> i % 10 == 9 ? Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")
                                : answer())
                .toArray(Reply[]::new);
        standIn.enqueue(PATH, replies);

        RequestRate rate = RequestRate.watch(standIn, PATH);
        long start = System.nanoTime();
        List<Long> latencies = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        List<Uni<Void>> calls = IntStream.range(0, CALLERS).mapToObj(i -> limited.invokeAsync("question " + i)
                .onItemOrFailure().invoke((answer, failure) -> {
                    synchronized (latencies) {
                        latencies.add((System.nanoTime() - start) / 1_000_000);
                        if (failure != null) {
                            failures.add(failure);
                        }
                    }
                })
                .onFailure().recoverWithNull().replaceWithVoid()).toList();
        Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(120));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        rate.stop();

        assertEquals(CALLERS, latencies.size(), "every call finished");
        assertEquals(CALLERS, standIn.requestCount(PATH), "one request per call");
        assertEquals(CALLERS / 10, failures.size(), "exactly the calls that met a server error failed");
        failures.forEach(failure -> assertInstanceOf(ProviderServerException.class, failure));

        long[] admittedAt = admissions.stream().mapToLong(Long::longValue).sorted().toArray();
        assertEquals(CALLERS, admittedAt.length, "one admission per call");
        // a full bucket, then one call per 1/RATE second: by the limiter's clock, whatever the machine's load
        int mostAdmitted = mostWithin(admittedAt, Duration.ofSeconds(1));
        assertTrue(mostAdmitted <= RATE + BURST, "the limiter admitted " + mostAdmitted + " calls within one second");
        long admittingNanos = admittedAt[admittedAt.length - 1] - admittedAt[0];
        assertTrue(admittingNanos >= (long) ((CALLERS - BURST - 1) / RATE * 1e9),
                "admitted " + CALLERS + " calls in " + admittingNanos / 1_000_000 + " ms");
        int busiestSecond = rate.mostRequestsWithin(Duration.ofSeconds(1));
        assertTrue(busiestSecond <= ARRIVAL_MARGIN * RATE + BURST,
                "the stand-in saw " + busiestSecond + " requests within one second");

        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        LOG.infof("Rate-limit load test: %d callers, limit %.0f/s + burst %d: all done in %d ms (%.1f calls/s), "
                + "most admitted within one second %d, busiest second at the stand-in %d requests, "
                + "peak concurrent requests at the stand-in %d, call latency p50 %d ms, p99 %d ms, max %d ms, "
                + "%d failed cleanly with HTTP 503",
                CALLERS, RATE, BURST, elapsed, CALLERS * 1000.0 / elapsed, mostAdmitted, busiestSecond,
                standIn.maxConcurrentRequests(), percentile(sorted, 50), percentile(sorted, 99),
                sorted[sorted.length - 1], failures.size());
    }

    @Test
    void modelsNamingOneSharedLimiterShareItsRate() {
        ChatModel a = warmedUp(models.get("pool-a"));
        ChatModel b = warmedUp(models.get("pool-b"));
        standIn.enqueue(PATH, answer());

        RequestRate rate = RequestRate.watch(standIn, PATH);
        long start = System.nanoTime();
        Uni.join().all(IntStream.range(0, 40).mapToObj(i -> (i % 2 == 0 ? a : b).invokeAsync("question " + i)).toList())
                .andFailFast().await().atMost(Duration.ofSeconds(120));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        rate.stop();

        assertEquals(40, standIn.requestCount(PATH));
        // 40 calls at 20 per second for both models together: two seconds (one each, were the limits separate); a
        // limiter cannot admit early, so this bound holds on any machine
        assertTrue(elapsed >= 1_900, "took " + elapsed + " ms: the models did not share one limit");
        int busiestSecond = rate.mostRequestsWithin(Duration.ofSeconds(1));
        assertTrue(busiestSecond <= ARRIVAL_MARGIN * SHARED_RATE + 1,
                "the stand-in saw " + busiestSecond + " requests within one second");
        LOG.infof("Shared limiter: 40 calls over two models at %.0f/s together took %d ms, busiest second %d requests",
                SHARED_RATE, elapsed, busiestSecond);
    }

    /**
     * The model after one call, so that what the stand-in sees is the limiter's pace, not requests piling up while
     * the model's HTTP client starts; the bucket may refill meanwhile, which the burst allowance covers.
     */
    private ChatModel warmedUp(ChatModel model) {
        standIn.enqueue(PATH, answer());
        model.invoke("warm-up");
        standIn.reset();
        return model;
    }

    /** The most of the sorted times that lie within {@code window} of each other. */
    private static int mostWithin(long[] sortedNanos, Duration window) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < sortedNanos.length; last++) {
            while (sortedNanos[last] - sortedNanos[first] > window.toNanos()) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private static Reply answer() {
        return Reply.fromFixture("openai-chat", "text_nonstream.response.json");
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    /** Samples how many requests the stand-in has received, every few milliseconds. */
    static final class RequestRate {
        private final List<long[]> samples = new ArrayList<>();
        private final Thread sampler;
        private volatile boolean running = true;

        private RequestRate(ProviderStandIn standIn, String path) {
            sampler = new Thread(() -> {
                while (running) {
                    synchronized (samples) {
                        samples.add(new long[] { System.nanoTime(), standIn.requestCount(path) });
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "request-rate-sampler");
            sampler.setDaemon(true);
        }

        static RequestRate watch(ProviderStandIn standIn, String path) {
            RequestRate rate = new RequestRate(standIn, path);
            rate.sampler.start();
            return rate;
        }

        void stop() {
            running = false;
            try {
                sampler.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The most requests seen between two samples at most {@code window} apart. */
        int mostRequestsWithin(Duration window) {
            long[][] all;
            synchronized (samples) {
                all = samples.toArray(long[][]::new);
            }
            int most = 0;
            int last = 0;
            for (int first = 0; first < all.length; first++) {
                last = Math.max(last, first);
                while (last + 1 < all.length && all[last + 1][0] - all[first][0] <= window.toNanos()) {
                    last++;
                }
                most = (int) Math.max(most, all[last][1] - all[first][1]);
            }
            return most;
        }
    }
}
