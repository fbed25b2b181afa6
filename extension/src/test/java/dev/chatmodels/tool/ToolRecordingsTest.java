package dev.chatmodels.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.HttpChatModel;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.resilience.CallGuard;
import dev.chatmodels.schema.Description;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.testing.ReplayTransport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Tool loops through the real codecs against recorded exchanges: the tools run on the recorded tool calls, and the
 * follow-up request the loop sends is the recorded one.
 */
class ToolRecordingsTest {

    record Query(@Description("Search query") String query) {
    }

    record Entity(String name) {
    }

    private static HttpChatModel model(String provider, ReplayTransport transport, ModelSettings settings) {
        return HttpChatModel.builder(ProviderRegistry.require(provider)).transport(transport).apiKey("test-key")
                .settings(settings).build();
    }

    private static ChatTool search(String number) {
        return ChatTool.fromRecord("parallel_local_search_" + number, Query.class,
                "Local search tool #" + ("one".equals(number) ? 1 : "two".equals(number) ? 2 : 3) + " for concurrency testing.",
                query -> "[" + number + "] " + query.query());
    }

    @Test
    void openAiParallelToolCallsRunAndTheirResultsAreSentBack() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("tool_calls_parallel_nonstream")
                .then("tool_results_followup_nonstream");
        JsonNode recorded = Fixtures.json("openai-chat", "tool_calls_parallel_nonstream.request.json");
        ChatModel model = model("openai", transport, ModelSettings.of("gpt-4o-mini"))
                .bindTools(List.of(search("one"), search("two"), search("three")),
                        ToolChoice.AUTO);
        List<Message> question = List.of(SystemMessage.of(recorded.at("/messages/0/content").asText()),
                HumanMessage.of(recorded.at("/messages/1/content").asText()));

        ToolLoopResult result = ToolLoop.run(model, question, RunConfig.EMPTY);

        assertEquals(Fixtures.json("openai-chat", "tool_results_followup_nonstream.response.json")
                .at("/choices/0/message/content").asText(), result.text());
        List<JsonNode> sent = transport.requests();
        assertEquals(2, sent.size());
        assertEquals(recorded.get("messages"), sent.get(0).get("messages"));
        assertEquals("auto", sent.get(0).get("tool_choice").asText());
        assertEquals(RecordedJson.withoutTitles(recorded.at("/tools/0/function/parameters")),
                sent.get(0).at("/tools/0/function/parameters"));
        JsonNode followUp = Fixtures.json("openai-chat", "tool_results_followup_nonstream.request.json");
        assertEquals(RecordedJson.withParsedArguments(followUp.get("messages")),
                RecordedJson.withParsedArguments(sent.get(1).get("messages")));
    }

    @Test
    void aRetriedModelCallNeverRunsAToolTwice() {
        ReplayTransport transport = new ReplayTransport("openai-chat")
                .thenFailure(new IllegalStateException("connection reset")).then("tool_calls_parallel_nonstream")
                .thenFailure(new IllegalStateException("connection reset")).then("tool_results_followup_nonstream");
        CallGuard retryOnce = new CallGuard() {
            @Override
            public <T> Uni<T> guard(Supplier<Uni<T>> call) {
                return Uni.createFrom().deferred(call::get).onFailure().retry().atMost(1);
            }

            @Override
            public <T> Multi<T> guardStream(Supplier<Multi<T>> stream) {
                return Multi.createFrom().deferred(stream::get);
            }
        };
        AtomicInteger runs = new AtomicInteger();
        List<ChatTool> tools = Stream.of("one", "two", "three").map(number -> ChatTool.fromRecord(
                "parallel_local_search_" + number, Query.class, "Search", query -> "run " + runs.incrementAndGet()))
                .toList();
        ChatModel model = HttpChatModel.builder(ProviderRegistry.require("openai")).transport(transport).apiKey("test-key")
                .settings(ModelSettings.of("gpt-4o-mini")).guard(retryOnce).build().bindTools(tools);

        ToolLoop.run(model, List.of(HumanMessage.of("Search three times")), RunConfig.EMPTY);

        assertEquals(4, transport.requests().size(), "both model calls were retried once");
        assertEquals(3, runs.get(), "each tool call ran once");
    }

    @Test
    void anthropicParallelToolUsesRunAndTheirResultsGoBackInOneUserTurn() {
        Map<String, String> facts = Map.of("Alice", "alice is bob's wife", "Bob", "bob is alice's husband", "Charlie",
                "charlie is alice's son", "Daisy", "daisy is bob's daughter and charlie's younger sister");
        ChatTool entities = ChatTool.fromRecord("retrieve_entity_info", Entity.class,
                "Get the knowledge about the given entity.", entity -> facts.get(entity.name()));
        ReplayTransport transport = new ReplayTransport("anthropic").then("tool_use_parallel_nonstream")
                .then("tool_result_followup_nonstream");
        JsonNode recorded = Fixtures.json("anthropic", "tool_use_parallel_nonstream.request.json");
        ChatModel model = model("anthropic", transport, ModelSettings.of("claude-haiku-4-5").withMaxTokens(4096))
                .bindTools(List.of(entities), ToolChoice.AUTO);
        List<Message> question = List.of(SystemMessage.of(recorded.get("system").asText()),
                HumanMessage.of(recorded.at("/messages/0/content/0/text").asText()));

        ToolLoopResult result = ToolLoop.run(model, question, RunConfig.EMPTY);

        assertEquals(Fixtures.json("anthropic", "tool_result_followup_nonstream.response.json").at("/content/0/text")
                .asText(), result.text());
        assertEquals(8, result.messages().size(), "system, question, tool uses, four results, answer");
        List<JsonNode> sent = transport.requests();
        assertEquals(recorded.get("tools"), sent.get(0).get("tools"), "the generated schema is the recorded one");
        JsonNode followUp = Fixtures.json("anthropic", "tool_result_followup_nonstream.request.json");
        assertEquals(RecordedJson.withPlainToolResults(followUp.get("messages")),
                RecordedJson.withPlainToolResults(sent.get(1).get("messages")));
    }

    public static class Catalog {
        @Tool(name = "get_country")
        public String country() {
            return "France";
        }

        @Tool(name = "get_product_name")
        public String productName() {
            return "Pydantic AI";
        }
    }

    @Test
    void openAiStreamedParallelToolCallsSumToCallsThatRun() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("tool_calls_stream_parallel");
        ChatModel model = model("openai", transport, ModelSettings.of("gpt-4o")).bindTools(List.of(new Catalog()),
                ToolChoice.ANY);

        AIMessage answer = AIMessageChunk.sum(model.stream("Tell me the country and the product").collect().asList()
                .await().atMost(Duration.ofSeconds(10))).toMessage();
        List<ToolMessage> results = new ToolExecutor(model.bindings().executableTools()).executeAll(answer).await()
                .atMost(Duration.ofSeconds(10));

        assertEquals("required", transport.requests().get(0).get("tool_choice").asText());
        assertEquals(List.of("call_q2UyBRP7eXNTzAoR8lEhjc9Z", "call_b51ijcpFkDiTQG1bQzsrmtW5"),
                results.stream().map(ToolMessage::toolCallId).toList());
        assertEquals(List.of("France", "Pydantic AI"), results.stream().map(ToolMessage::text).toList());
    }

    record City(@Description("The name of the city to get the temperature for.") String city) {
    }

    @Test
    void anthropicStreamedToolUseSumsToACallThatRuns() {
        ReplayTransport transport = new ReplayTransport("anthropic").then("tool_use_stream");
        ChatTool temperature = ChatTool.fromRecord("get_current_temperature", City.class,
                "Get the current temperature in a city.", city -> Map.of("city", city.city(), "celsius", 17));
        ChatModel model = model("anthropic", transport, ModelSettings.of("claude-3-5-haiku-latest").withMaxTokens(4096))
                .bindTools(List.of(temperature));

        AIMessage answer = AIMessageChunk.sum(model.stream("What is the temperature in San Francisco?").collect().asList()
                .await().atMost(Duration.ofSeconds(10))).toMessage();
        List<ToolMessage> results = new ToolExecutor(model.bindings().executableTools()).executeAll(answer).await()
                .atMost(Duration.ofSeconds(10));

        assertEquals(answer.toolCalls().get(0).id(), results.get(0).toolCallId());
        assertEquals(RecordedJson.parse("{\"city\": \"San Francisco\", \"celsius\": 17}"),
                RecordedJson.parse(results.get(0).text()));
        JsonNode tool = transport.requests().get(0).at("/tools/0");
        assertEquals(Fixtures.json("anthropic", "tool_use_stream.request.json").at("/tools/0/input_schema/properties"),
                tool.at("/input_schema/properties"));
    }
}
