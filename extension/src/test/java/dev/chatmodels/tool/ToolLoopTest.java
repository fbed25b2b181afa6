package dev.chatmodels.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.chatmodels.callback.ChatCallback;
import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.testing.ScriptedChatModel;

class ToolLoopTest {

    record City(String city) {
    }

    @Test
    void runsTheRequestedToolsInParallelAndReturnsTheFinalAnswer() {
        CountDownLatch bothRunning = new CountDownLatch(2);
        ChatTool weather = ChatTool.fromRecord("weather", City.class, "Weather of a city", city -> {
            bothRunning.countDown();
            if (!bothRunning.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the two calls did not run in parallel");
            }
            return city.city().equals("Paris") ? "18C" : "24C";
        });
        ScriptedChatModel scripted = ScriptedChatModel.of("openai")
                .answering(AIMessage.ofToolCalls(List.of(new ToolCall("call_1", "weather", Map.of("city", "Paris")),
                        new ToolCall("call_2", "weather", Map.of("city", "Rome")))))
                .answeringWith(
                        messages -> AIMessage.of("Paris " + messages.get(2).text() + ", Rome " + messages.get(3).text()));
        ChatModel model = scripted.bindTools(List.of(weather));

        ToolLoopResult result = ToolLoop.run(model, List.of(HumanMessage.of("Weather in Paris and Rome?")), RunConfig.EMPTY);

        assertEquals("Paris 18C, Rome 24C", result.text());
        assertEquals(5, result.messages().size());
        ToolMessage first = assertInstanceOf(ToolMessage.class, result.messages().get(2));
        assertEquals("call_1", first.toolCallId());
        assertEquals(ToolMessage.Status.SUCCESS, first.status());
        assertEquals("call_2", ((ToolMessage) result.messages().get(3)).toolCallId());
        assertEquals(2, scripted.calls().size());
        assertEquals(List.of("weather"), scripted.calls().get(0).bindings().tools().stream().map(t -> t.name()).toList());
        assertEquals(result.messages().subList(0, 4), scripted.calls().get(1).messages(),
                "the second call sees the question, the tool calls and both results");
    }

    @Test
    void aFailingToolIsReportedToTheModelWhichCanRecover() {
        ChatTool weather = ChatTool.fromRecord("weather", City.class, "Weather of a city", city -> {
            throw new IllegalStateException("weather service unavailable");
        });
        ScriptedChatModel scripted = ScriptedChatModel.of("anthropic")
                .answering(AIMessage.ofToolCalls(List.of(new ToolCall("t1", "weather", Map.of("city", "Oslo")))))
                .answeringWith(messages -> {
                    ToolMessage seen = (ToolMessage) messages.get(messages.size() - 1);
                    return AIMessage.of(seen.status() + ": " + seen.text());
                });

        ToolLoopResult result = ToolLoop.run(scripted.bindTools(List.of(weather)), List.of(HumanMessage.of("Oslo?")),
                RunConfig.EMPTY);

        assertEquals("ERROR: Error: weather service unavailable", result.text());
    }

    @Test
    void stopsWithAClearErrorAtTheRecursionLimit() {
        AtomicInteger runs = new AtomicInteger();
        ChatTool again = ChatTool.fromSchema("again", "Asks again", Map.of("type", "object"), args -> runs.incrementAndGet());
        ScriptedChatModel scripted = ScriptedChatModel.of("openai");
        for (int i = 0; i < 3; i++) {
            scripted.answering(AIMessage.ofToolCalls(List.of(new ToolCall("c" + i, "again", Map.of()))));
        }

        ToolLoopLimitException error = assertThrows(ToolLoopLimitException.class,
                () -> ToolLoop.run(scripted.bindTools(List.of(again)), List.of(HumanMessage.of("loop")),
                        RunConfig.EMPTY.withRecursionLimit(3)));

        assertEquals(3, error.limit());
        assertEquals(3, scripted.calls().size());
        assertEquals(2, runs.get(), "the tools of the last answer do not run: nobody would see their results");
        assertTrue(error.getMessage().contains("after 3 model calls"), error.getMessage());
        assertTrue(error.getMessage().contains("RunConfig.withRecursionLimit(n)"), error.getMessage());
        Message last = error.messages().get(error.messages().size() - 1);
        assertEquals("c2", ((AIMessage) last).toolCalls().get(0).id());
    }

    @Test
    void withoutToolCallsTheFirstAnswerIsFinal() {
        ScriptedChatModel scripted = ScriptedChatModel.of("openai").answering(AIMessage.of("Hello"));
        ToolLoopResult result = ToolLoop.run(scripted, List.of(HumanMessage.of("Hi")), RunConfig.EMPTY);
        assertEquals("Hello", result.text());
        assertEquals(2, result.messages().size());
    }

    @Test
    void bindingToolsReplacesThePreviousOnesAndChecksTheToolChoice() {
        ChatTool a = ChatTool.fromSchema("a", null, Map.of("type", "object"), args -> "a");
        ChatTool b = ChatTool.fromSchema("b", null, Map.of("type", "object"), args -> "b");
        ChatModel model = ScriptedChatModel.of("openai").bindTools(List.of(a)).bindTools(List.of(b), ToolChoice.tool("b"),
                false);
        assertEquals(List.of(b), model.bindings().executableTools());
        assertEquals(ToolChoice.tool("b"), model.bindings().toolChoice());
        assertEquals(Boolean.FALSE, model.bindings().parallelToolCalls());
        assertThrows(IllegalArgumentException.class, () -> model.bindTools(List.of(a), ToolChoice.tool("b")));
    }

    @Test
    void callbacksHearOfTheLoopAndEachToolRunTaggedWithTheLoopsRunId() {
        ChatTool weather = ChatTool.fromRecord("weather", City.class, "Weather of a city", city -> {
            if (city.city().equals("Oslo")) {
                throw new IllegalStateException("no weather in Oslo");
            }
            return "18C";
        });
        ScriptedChatModel scripted = ScriptedChatModel.of("openai")
                .answering(AIMessage.ofToolCalls(List.of(new ToolCall("call_1", "weather", Map.of("city", "Paris")),
                        new ToolCall("call_2", "weather", Map.of("city", "Oslo")))))
                .answering(AIMessage.of("done"));
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<RunInfo> runs = Collections.synchronizedList(new ArrayList<>());
        ChatCallback callback = new ChatCallback() {
            @Override
            public void onToolLoopStart(RunInfo run, List<Message> messages) {
                runs.add(run);
                events.add("loop start " + messages.get(0).text());
            }

            @Override
            public void onToolStart(RunInfo run, ToolCall call) {
                runs.add(run);
                events.add("tool start " + call.id());
            }

            @Override
            public void onToolEnd(RunInfo run, ToolCall call, ToolMessage result) {
                events.add("tool end " + call.id() + " " + result.status());
            }

            @Override
            public void onToolLoopEnd(RunInfo run) {
                events.add("loop end");
            }
        };

        ToolLoop.run(scripted.bindTools(List.of(weather)), List.of(HumanMessage.of("Paris and Oslo?")),
                RunConfig.EMPTY.withCallbacks(callback));

        assertEquals("loop start Paris and Oslo?", events.get(0));
        assertEquals("loop end", events.get(events.size() - 1));
        // the two tools run in parallel: each starts before it ends, in either order
        assertEquals(List.of("tool start call_1", "tool end call_1 SUCCESS"),
                events.stream().filter(e -> e.contains("call_1")).toList());
        assertEquals(List.of("tool start call_2", "tool end call_2 ERROR"),
                events.stream().filter(e -> e.contains("call_2")).toList());
        assertEquals(6, events.size());
        String loopId = runs.get(0).runId().toString();
        assertEquals(2, runs.stream().skip(1).filter(run -> loopId.equals(run.metadata().get(ToolLoop.RUN_ID_METADATA)))
                .filter(run -> run.runName().equals("weather")).count());
    }

    @Test
    void aToolRunCancelledWithItsLoopStillEndsForCallbacks() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChatTool slow = ChatTool.fromRecord("slow", City.class, "Takes its time", city -> {
            running.countDown();
            release.await(30, TimeUnit.SECONDS);
            return "late";
        });
        ScriptedChatModel scripted = ScriptedChatModel.of("openai")
                .answering(AIMessage.ofToolCalls(List.of(new ToolCall("call_1", "slow", Map.of("city", "Lima")))));
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        ChatCallback callback = new ChatCallback() {
            @Override
            public void onToolEnd(RunInfo run, ToolCall call, ToolMessage result) {
                events.add("tool end " + result.status() + " " + result.text());
            }

            @Override
            public void onToolLoopEnd(RunInfo run) {
                events.add("loop end");
            }
        };

        try {
            var loop = ToolLoop.runAsync(scripted.bindTools(List.of(slow)), List.of(HumanMessage.of("Lima?")),
                    RunConfig.EMPTY.withCallbacks(callback)).subscribe().with(result -> events.add("answer"));
            assertTrue(running.await(30, TimeUnit.SECONDS), "the tool never ran");
            loop.cancel();
        } finally {
            release.countDown();
        }

        // cancelling reaches the loop before its tools: both end, in that order
        assertEquals(List.of("loop end", "tool end ERROR The tool run was cancelled"), events);
    }
}
