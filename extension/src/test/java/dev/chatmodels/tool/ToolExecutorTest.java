package dev.chatmodels.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.ToolCall;

class ToolExecutorTest {

    record City(String city) {
    }

    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> new Thread(r, "tool-worker"));

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void callsOfOneAnswerRunInParallelOnTheExecutorAndAnswerInOrder() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // Each call waits for the other to start: they can only finish if they run at the same time.
        ChatTool weather = ChatTool.fromRecord("weather", City.class, "Weather", city -> {
            threads.add(Thread.currentThread().getName());
            bothStarted.countDown();
            if (!bothStarted.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the calls did not run in parallel");
            }
            return "sunny in " + city.city();
        });
        AIMessage answer = AIMessage.ofToolCalls(List.of(new ToolCall("a", "weather", Map.of("city", "Paris")),
                new ToolCall("b", "weather", Map.of("city", "Rome"))));

        List<ToolMessage> results = new ToolExecutor(List.of(weather), workers).executeAll(answer).await()
                .atMost(Duration.ofSeconds(10));

        assertEquals(List.of("a", "b"), results.stream().map(ToolMessage::toolCallId).toList());
        assertEquals(List.of("sunny in Paris", "sunny in Rome"), results.stream().map(ToolMessage::text).toList());
        assertEquals(Set.of("tool-worker"), threads, "tools run on the executor, not the caller's thread");
    }

    @Test
    void unknownToolsAndInvalidArgumentsBecomeErrorMessagesAndTheOthersStillRun() {
        ChatTool weather = ChatTool.fromRecord("weather", City.class, "Weather", city -> "sunny");
        AIMessage answer = new AIMessage(List.of(),
                List.of(new ToolCall("a", "stock_price", Map.of("symbol", "ACME")),
                        new ToolCall("b", "weather", Map.of("city", "Oslo"))),
                List.of(new InvalidToolCall("c", "weather", "{\"city\": ", "Invalid JSON in tool-call arguments")), null,
                Map.of(), null);

        List<ToolMessage> results = new ToolExecutor(List.of(weather), workers).executeAll(answer).await()
                .atMost(Duration.ofSeconds(10));

        assertEquals(List.of("a", "b", "c"), results.stream().map(ToolMessage::toolCallId).toList());
        assertEquals(ToolMessage.Status.ERROR, results.get(0).status());
        assertEquals("Error: there is no tool named stock_price that this application runs; available tools: weather",
                results.get(0).text());
        assertEquals(ToolMessage.Status.SUCCESS, results.get(1).status());
        assertEquals(ToolMessage.Status.ERROR, results.get(2).status());
        assertTrue(results.get(2).text().contains("Invalid JSON in tool-call arguments"), results.get(2).text());
    }

    @Test
    void theDefaultExecutorIsTheWorkerPoolNotTheCallersThread() {
        String[] thread = { null };
        ChatTool where = ChatTool.fromSchema("where", null, "{\"type\": \"object\"}", args -> {
            thread[0] = Thread.currentThread().getName();
            return "here";
        });
        new ToolExecutor(List.of(where)).execute(new ToolCall("x", "where", Map.of())).await()
                .atMost(Duration.ofSeconds(10));
        assertNotEquals(Thread.currentThread().getName(), thread[0]);
    }
}
