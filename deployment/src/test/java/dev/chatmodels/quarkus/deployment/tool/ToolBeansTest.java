package dev.chatmodels.quarkus.deployment.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.quarkus.deployment.StandInConfigSource;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.quarkus.runtime.ModelName;
import dev.chatmodels.quarkus.runtime.tool.ToolBeans;
import dev.chatmodels.schema.Description;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.testing.RecordedRequest;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.tool.ChatTool;
import dev.chatmodels.tool.Tool;
import dev.chatmodels.tool.ToolExecutor;
import dev.chatmodels.tool.ToolLoop;
import dev.chatmodels.tool.ToolLoopResult;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code @Tool} methods of CDI beans, found at build time, bound to configured models by bean name, and a full tool
 * loop against a stand-in replaying a recorded exchange: the model asks for three tools at once, all three run in
 * parallel on worker threads, and the model answers from their results.
 */
class ToolBeansTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(StandInConfigSource.class, SearchTools.class, Calendar.class,
                    OfficeClock.class, Clock.class)
                    .addAsServiceProvider(ConfigSource.class, StandInConfigSource.class))
            .overrideConfigKey("quarkus.chat-models.model", "openai:gpt-4o-mini")
            .overrideConfigKey("quarkus.chat-models.api-key", "sk-test-tools")
            .overrideConfigKey("quarkus.chat-models.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.tools", "searchTools")
            .overrideConfigKey("quarkus.chat-models.planner.model", "openai:gpt-4o-mini")
            .overrideConfigKey("quarkus.chat-models.planner.api-key", "sk-test-tools")
            .overrideConfigKey("quarkus.chat-models.planner.tools", "calendar, searchTools")
            .overrideRuntimeConfigKey("quarkus.chat-models.base-url", "${stand-in.url}/v1")
            .overrideRuntimeConfigKey("quarkus.chat-models.planner.base-url", "${stand-in.url}/v1");

    /** No scope and no name: a singleton named {@code searchTools}. Each call waits until all three are running. */
    static class SearchTools {
        static final Set<String> THREADS = ConcurrentHashMap.newKeySet();
        static volatile CountDownLatch allRunning = new CountDownLatch(3);

        @Tool(name = "parallel_local_search_one", value = "Local search tool #1 for concurrency testing.")
        public String one(@Description("Search query") String query) throws InterruptedException {
            return search("one", query);
        }

        @Tool(name = "parallel_local_search_two", value = "Local search tool #2 for concurrency testing.")
        public String two(@Description("Search query") String query) throws InterruptedException {
            return search("two", query);
        }

        @Tool(name = "parallel_local_search_three", value = "Local search tool #3 for concurrency testing.")
        public String three(@Description("Search query") String query) throws InterruptedException {
            return search("three", query);
        }

        private static String search(String number, String query) throws InterruptedException {
            THREADS.add(Thread.currentThread().getName());
            allRunning.countDown();
            if (!allRunning.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the three searches did not run in parallel");
            }
            return "[" + number + "] " + query;
        }
    }

    /** Request scoped: a tool call activates a request context for it. */
    @Named("calendar")
    @RequestScoped
    static class Calendar {
        record Meeting(String title, List<String> attendees) {
        }

        @Tool("Books a meeting")
        public Map<String, Object> book(Meeting meeting) {
            return Map.of("booked", meeting.title(), "people", meeting.attendees().size());
        }
    }

    /** Tools a bean inherits: the subclass declares none and has no scope, yet is a tool bean. */
    abstract static class Clock {
        @Tool("The time in a time zone")
        public String now(String zone) {
            return "12:00 " + zone + " by " + getClass().getSimpleName();
        }
    }

    static class OfficeClock extends Clock {
    }

    @Inject
    ChatModel model;

    @Inject
    @ModelName("planner")
    ChatModel planner;

    @Inject
    ToolBeans toolBeans;

    @Inject
    ChatModels models;

    private final ProviderStandIn standIn = StandInConfigSource.standIn();

    @BeforeEach
    void reset() {
        standIn.reset();
        SearchTools.THREADS.clear();
        SearchTools.allRunning = new CountDownLatch(3);
    }

    @AfterAll
    static void stopStandIn() {
        StandInConfigSource.stop();
    }

    @Test
    void aConfiguredModelRunsAFullToolLoopWithParallelToolCalls() {
        standIn.enqueue("/v1/chat/completions",
                Reply.fromFixture("openai-chat", "tool_calls_parallel_nonstream.response.json"),
                Reply.fromFixture("openai-chat", "tool_results_followup_nonstream.response.json"));
        JsonNode recorded = Fixtures.json("openai-chat", "tool_calls_parallel_nonstream.request.json");

        ToolLoopResult result = ToolLoop.run(model, List.of(SystemMessage.of(recorded.at("/messages/0/content").asText()),
                HumanMessage.of(recorded.at("/messages/1/content").asText())), RunConfig.EMPTY);

        assertEquals(Fixtures.json("openai-chat", "tool_results_followup_nonstream.response.json")
                .at("/choices/0/message/content").asText(), result.text());
        List<RecordedRequest> requests = standIn.requests();
        assertEquals(2, requests.size());
        JsonNode first = requests.get(0).json();
        assertEquals(List.of("parallel_local_search_one", "parallel_local_search_two", "parallel_local_search_three"),
                names(first.get("tools")));
        assertEquals(RecordedJson.withoutTitles(recorded.at("/tools/0/function/parameters")),
                first.at("/tools/0/function/parameters"), "the schema generated at build time");
        assertEquals("Local search tool #1 for concurrency testing.", first.at("/tools/0/function/description").asText());
        JsonNode followUp = Fixtures.json("openai-chat", "tool_results_followup_nonstream.request.json");
        assertEquals(RecordedJson.withParsedArguments(followUp.get("messages")),
                RecordedJson.withParsedArguments(requests.get(1).json().get("messages")),
                "the tool results go back with the ids of the calls");
        assertEquals(3, SearchTools.THREADS.size(), "three calls on three threads: " + SearchTools.THREADS);
        assertFalse(SearchTools.THREADS.stream().anyMatch(name -> name.contains("eventloop")), SearchTools.THREADS.toString());
    }

    @Test
    void toolBeansAreFoundByNameAndBoundAsConfigured() {
        assertEquals(Set.of("searchTools", "calendar", "officeClock"), toolBeans.beanNames());
        assertEquals(List.of("parallel_local_search_one", "parallel_local_search_two", "parallel_local_search_three"),
                model.bindings().tools().stream().map(t -> t.name()).toList());
        assertEquals(List.of("book", "parallel_local_search_one", "parallel_local_search_two",
                "parallel_local_search_three"), planner.bindings().executableTools().stream().map(ChatTool::name).toList());
        JsonNode bookSchema = planner.bindings().tools().get(0).parameters();
        assertEquals(List.of("title", "attendees"), names(bookSchema.at("/properties/meeting/properties")));
    }

    @Test
    void aRequestScopedToolRunsOnAWorkerThreadWithItsOwnRequestContext() {
        ToolMessage booked = new ToolExecutor(toolBeans.of("calendar"))
                .execute(new ToolCall("call_1", "book", Map.of("meeting", Map.of("title", "Review", "attendees",
                        List.of("Ana", "Bo")))))
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(ToolMessage.Status.SUCCESS, booked.status(), booked.text());
        assertEquals(Jackson.MAPPER.valueToTree(Map.of("booked", "Review", "people", 2)), RecordedJson.parse(booked.text()));

        ToolMessage invalid = toolBeans.of("calendar").get(0).call(new ToolCall("call_2", "book", Map.of("meeting",
                Map.of("title", "Review"))));
        assertEquals("Error: invalid arguments for tool book: $.meeting.attendees: required property is missing",
                invalid.text());
    }

    @Test
    void toolMethodsInheritedFromASuperclassAreFound() {
        List<ChatTool> tools = toolBeans.of("officeClock");
        assertEquals(List.of("now"), tools.stream().map(ChatTool::name).toList());
        assertEquals("The time in a time zone", tools.get(0).specification().description());
        assertEquals(List.of("zone"), names(tools.get(0).specification().parameters().get("properties")));
        assertEquals("12:00 UTC by OfficeClock", tools.get(0).call(new ToolCall("call_1", "now", Map.of("zone", "UTC")))
                .text());
    }

    @Test
    void initBindsToolBeansByNameAndToolsGivenInCode() {
        ChatTool echo = ChatTool.fromSchema("echo", null, "{\"type\": \"object\"}", args -> args);
        ChatModel initialized = models.init("openai:gpt-4o-mini", Map.of("api_key", "sk-test-tools", "base_url",
                "http://127.0.0.1:9/v1", "tools", List.of(echo, "calendar")));
        assertEquals(List.of("book", "echo"), initialized.bindings().executableTools().stream().map(ChatTool::name).toList());

        IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> models.init("openai:gpt-4o-mini", Map.of("api_key", "sk-test-tools", "tools", "weather")));
        assertTrue(unknown.getMessage().startsWith("ChatModels.init option tools names 'weather'"), unknown.getMessage());
    }

    @Test
    void unknownBeanNamesAreReported() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> toolBeans.of("weather"));
        assertTrue(error.getMessage().startsWith("'weather', which is not a CDI bean with @Tool methods"),
                error.getMessage());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        if (node.isArray()) {
            node.forEach(tool -> names.add(tool.at("/function/name").asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
