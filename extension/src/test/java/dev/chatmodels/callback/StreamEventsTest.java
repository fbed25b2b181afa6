package dev.chatmodels.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.HttpChatModel;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.testing.ReplayTransport;
import dev.chatmodels.tool.ChatTool;
import dev.chatmodels.tool.ToolLoop;

/** streamEvents and auto-streaming on a real model (real codec, recorded answers). */
class StreamEventsTest {

    private static final RunConfig CONFIG = RunConfig.named("greeting").withTags("team-a")
            .withMetadata("user", "u-1");

    private static HttpChatModel model(ReplayTransport transport) {
        return HttpChatModel.builder(ProviderRegistry.require("openai")).transport(transport).apiKey("test-key")
                .settings(ModelSettings.of("gpt-4o")).build();
    }

    private static ReplayTransport replay() {
        return new ReplayTransport("openai-chat").then("text_stream_include_usage");
    }

    private static List<RunEvent> events(ChatModel model, EventFilter filter) {
        return model.streamEvents(List.of(HumanMessage.of("Hi")), CONFIG, filter).collect().asList().await()
                .indefinitely();
    }

    private static List<AIMessageChunk> recordedChunks() {
        return model(replay()).stream("Hi").collect().asList().await().atMost(java.time.Duration.ofSeconds(60));
    }

    @Test
    void aStreamedCallIsStartThenEveryChunkThenEnd() {
        List<AIMessageChunk> chunks = recordedChunks();

        List<RunEvent> events = events(model(replay()), EventFilter.ALL);

        assertEquals(chunks.size() + 2, events.size());
        assertEquals(RunEvent.CHAT_MODEL_START, events.get(0).event());
        assertEquals(List.of(HumanMessage.of("Hi")), events.get(0).data().get("input"));
        for (int i = 0; i < chunks.size(); i++) {
            RunEvent event = events.get(i + 1);
            assertEquals(RunEvent.CHAT_MODEL_STREAM, event.event());
            assertEquals(chunks.get(i).text(), ((AIMessageChunk) event.data().get("chunk")).text());
        }
        RunEvent end = events.get(events.size() - 1);
        assertEquals(RunEvent.CHAT_MODEL_END, end.event());
        AIMessage output = (AIMessage) end.data().get("output");
        assertEquals(AIMessageChunk.sum(chunks).toMessage().text(), output.text());
        assertTrue(output.usage().totalTokens() > 0);
        for (RunEvent event : events) {
            assertEquals("greeting", event.name());
            assertEquals(events.get(0).runId(), event.runId());
            assertEquals(List.of(), event.parentIds());
            assertEquals(List.of("team-a"), event.tags());
            assertEquals(Map.of("user", "u-1"), event.metadata());
            assertEquals("chat_model", event.type());
        }
    }

    @Test
    void filtersIncludeAndExcludeByNameTypeAndTag() {
        assertEquals(0, events(model(replay()), EventFilter.ALL.includeTypes("tool")).size());
        assertEquals(0, events(model(replay()), EventFilter.ALL.excludeTags("team-a")).size());
        assertEquals(0, events(model(replay()), EventFilter.ALL.includeNames("other")).size());
        assertFalse(events(model(replay()), EventFilter.ALL.includeNames("greeting").excludeTypes("tool")).isEmpty());
        assertFalse(events(model(replay()), EventFilter.ALL.includeTags("other", "team-a")).isEmpty());
        assertFalse(events(model(replay()), EventFilter.ALL.includeTypes("chat_model")).isEmpty());
    }

    @Test
    void anInvokeHeardByATokenListenerStreamsUnderneathAndAnswersTheSame() {
        ReplayTransport streamed = replay();
        AtomicInteger tokens = new AtomicInteger();
        ChatCallback listener = new ChatCallback() {
            @Override
            public boolean wantsTokens() {
                return true;
            }

            @Override
            public void onToken(RunInfo run, String token, AIMessageChunk chunk) {
                tokens.incrementAndGet();
            }
        };

        AIMessage answer = model(streamed).invoke(List.of(HumanMessage.of("Hi")), RunConfig.EMPTY.withCallbacks(listener));

        assertTrue(streamed.requests().get(0).path("stream").asBoolean());
        assertEquals(recordedChunks().size(), tokens.get());
        assertEquals(AIMessageChunk.sum(recordedChunks()).toMessage(), answer);

        // without one, invoke is a plain request
        ReplayTransport plain = new ReplayTransport("openai-chat").then("text_nonstream");
        model(plain).invoke(List.of(HumanMessage.of("Hi")), RunConfig.EMPTY.withCallbacks(new ChatCallback() {
        }));
        assertFalse(plain.requests().get(0).path("stream").asBoolean());
    }

    @Test
    void aModelWithStreamingDisabledGivesStartAndEndWithoutLoopingBetweenStreamAndInvoke() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("text_nonstream");
        HttpChatModel noStreams = HttpChatModel.builder(ProviderRegistry.require("openai")).transport(transport)
                .apiKey("test-key").settings(ModelSettings.of("gpt-4o"))
                .disableStreaming(dev.chatmodels.model.DisableStreaming.TRUE).build();

        List<RunEvent> events = events(noStreams, EventFilter.ALL);

        assertEquals(List.of(RunEvent.CHAT_MODEL_START, RunEvent.CHAT_MODEL_END),
                events.stream().map(RunEvent::event).toList());
        assertFalse(transport.requests().get(0).path("stream").asBoolean());
    }

    @Test
    void aToolLoopStreamsTheEventsOfEachModelCall() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("tool_calls_stream_parallel")
                .then("text_stream_include_usage");
        ChatModel withTools = model(transport).bindTools(List.of(
                ChatTool.fromSchema("get_country", "", Map.of("type", "object", "properties", Map.of()), args -> "France"),
                ChatTool.fromSchema("get_product_name", "", Map.of("type", "object", "properties", Map.of()),
                        args -> "Widget")));

        List<RunEvent> events = ToolLoop.streamEvents(withTools, List.<Message> of(HumanMessage.of("Tell me")),
                RunConfig.EMPTY, EventFilter.ALL).collect().asList().await().atMost(java.time.Duration.ofSeconds(60));

        List<String> starts = events.stream().filter(e -> e.event().equals(RunEvent.CHAT_MODEL_START))
                .map(RunEvent::runId).toList();
        List<RunEvent> ends = events.stream().filter(e -> e.event().equals(RunEvent.CHAT_MODEL_END)).toList();
        assertEquals(2, starts.size());
        assertEquals(2, Set.copyOf(starts).size());
        assertEquals(2, ends.size());
        assertEquals(2, ((AIMessage) ends.get(0).data().get("output")).toolCalls().size());
        assertEquals(RunEvent.CHAT_MODEL_END, events.get(events.size() - 1).event());
        assertTrue(transport.requests().stream().allMatch(request -> request.path("stream").asBoolean()));
        // the second call carries the answer and both tool results
        assertEquals(4, transport.requests().get(1).get("messages").size());

        List<RunEvent> toolStarts = events.stream().filter(e -> e.event().equals(RunEvent.TOOL_START)).toList();
        List<RunEvent> toolEnds = events.stream().filter(e -> e.event().equals(RunEvent.TOOL_END)).toList();
        assertEquals(Set.of("get_country", "get_product_name"),
                Set.copyOf(toolStarts.stream().map(RunEvent::name).toList()));
        assertEquals(2, toolEnds.size());
        assertTrue(toolStarts.stream().allMatch(e -> e.type().equals("tool") && e.data().containsKey("input")));
        assertTrue(toolEnds.stream().anyMatch(e -> ((ToolMessage) e.data().get("output")).text().equals("France")));
        // every model call and tool run of the loop names the loop as its parent
        List<List<String>> parents = events.stream().map(RunEvent::parentIds).distinct().toList();
        assertEquals(1, parents.size(), parents.toString());
        assertEquals(1, parents.get(0).size());
        assertFalse(starts.contains(parents.get(0).get(0)));
        assertTrue(events.stream().filter(e -> e.type().equals("tool")).noneMatch(e -> starts.contains(e.runId())));
    }
}
