package dev.chatmodels.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ResponseMetadata;

class UsageCallbackTest {

    private static final RunInfo RUN = new RunInfo(UUID.randomUUID(), null, List.of(), Map.of(), "fake", "m", null);

    private static AIMessage answer(String model, UsageMetadata usage) {
        return new AIMessage(Message.textContent("x"), List.of(), List.of(), usage,
                model == null ? Map.of() : Map.of(ResponseMetadata.MODEL_NAME, model), null);
    }

    @Test
    void sumsPerModelName() {
        UsageCallback callback = new UsageCallback();
        callback.onEnd(RUN, answer("gpt-4.1", UsageMetadata.of(10, 5)));
        callback.onEnd(RUN, answer("claude-haiku", UsageMetadata.of(7, 3)));
        callback.onEnd(RUN, answer("gpt-4.1", UsageMetadata.of(1, 1)));

        assertEquals(Map.of("gpt-4.1", UsageMetadata.of(11, 6), "claude-haiku", UsageMetadata.of(7, 3)),
                callback.usageByModel());
        assertEquals(UsageMetadata.of(18, 9), callback.total());
    }

    @Test
    void recordsNothingWithoutUsageOrModelName() {
        UsageCallback callback = new UsageCallback();
        callback.onEnd(RUN, answer("gpt-4.1", null));
        callback.onEnd(RUN, answer(null, UsageMetadata.of(1, 1)));
        assertTrue(callback.usageByModel().isEmpty());
        assertEquals(UsageMetadata.EMPTY, callback.total());
    }

    @Test
    void isThreadSafe() throws Exception {
        UsageCallback callback = new UsageCallback();
        int threads = 8;
        int callsPerThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String model = "model-" + (t % 2);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        callback.onEnd(RUN, answer(model, UsageMetadata.of(1, 2)));
                        callback.usageByModel();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long perModel = threads / 2L * callsPerThread;
        assertEquals(Map.of("model-0", UsageMetadata.of(perModel, 2 * perModel), "model-1",
                UsageMetadata.of(perModel, 2 * perModel)), callback.usageByModel());
    }
}
