package dev.chatmodels.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.RecordedAnswers;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.testing.RecordedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The tool loop with the tools configuration binds to each model, against recorded exchanges: the model asks for
 * several tools at once, each runs once on a worker thread, the results go back with the ids of the calls, and the
 * model's recorded answer is the loop's answer.
 */
@QuarkusTest
@WithTestResource(ProviderStandInResource.class)
class ToolLoopTest extends ChatAppTest {

    @Test
    void theDefaultModelRunsThreeParallelSearchesThenAnswers() {
        replay(OPENAI, "openai-chat", "tool_calls_parallel_nonstream.response.json",
                "tool_results_followup_nonstream.response.json");
        JsonNode asked = Fixtures.json("openai-chat", "tool_calls_parallel_nonstream.request.json");
        JsonNode followUp = Fixtures.json("openai-chat", "tool_results_followup_nonstream.request.json");

        JsonPath loop = loop("default", asked.at("/messages/1/content").asText());

        assertEquals(RecordedAnswers.text("openai-chat", "tool_results_followup_nonstream"), loop.getString("answer.text"));
        assertEquals(2, loop.getInt("modelCalls"));
        assertEquals(List.of("parallel_local_search_one", "parallel_local_search_two", "parallel_local_search_three"),
                loop.getList("toolCalls.tool"));
        assertEquals(List.of(Map.of("query", "latest OpenAI model release notes"),
                Map.of("query", "latest Anthropic model release notes"),
                Map.of("query", "latest Gemini model release notes")), loop.getList("toolCalls.arguments"));
        assertEquals(List.of("[one] latest OpenAI model release notes", "[two] latest Anthropic model release notes",
                "[three] latest Gemini model release notes"), loop.getList("toolCalls.result"));
        assertEquals(toolCallIds(followUp, "tool_call_id"), loop.getList("toolCalls.id"));
        assertRanOnceEachOnWorkerThreads(loop, 3);

        List<RecordedRequest> requests = standIn.requests();
        assertEquals(2, requests.size(), "the question, then the tool results");
        JsonNode tools = requests.get(0).json().get("tools");
        assertEquals(asked.get("tools").size(), tools.size());
        for (int i = 0; i < tools.size(); i++) {
            assertEquals(asked.at("/tools/" + i + "/function/name"), tools.at("/" + i + "/function/name"));
            assertEquals(RecordedJson.withoutTitles(asked.at("/tools/" + i + "/function/parameters")),
                    tools.at("/" + i + "/function/parameters"), "the schema generated at build time");
        }
        // the recorded follow-up without its system message (the app sends none): the tool calls, then one tool
        // message per call with the call's id
        ArrayNode expected = followUp.get("messages").deepCopy();
        expected.remove(0);
        assertEquals(RecordedJson.withParsedArguments(expected),
                RecordedJson.withParsedArguments(requests.get(1).json().get("messages")));
    }

    @Test
    void theClaudeModelLooksUpFourPeopleAtOnceThenAnswers() {
        replay(ANTHROPIC, "anthropic", "tool_use_parallel_nonstream.response.json",
                "tool_result_followup_nonstream.response.json");
        JsonNode asked = Fixtures.json("anthropic", "tool_use_parallel_nonstream.request.json");
        JsonNode followUp = Fixtures.json("anthropic", "tool_result_followup_nonstream.request.json");

        JsonPath loop = loop("claude", asked.at("/messages/0/content/0/text").asText());

        assertEquals(RecordedAnswers.text("anthropic", "tool_result_followup_nonstream"), loop.getString("answer.text"));
        assertEquals(2, loop.getInt("modelCalls"));
        assertEquals(List.of("retrieve_entity_info", "retrieve_entity_info", "retrieve_entity_info",
                "retrieve_entity_info"), loop.getList("toolCalls.tool"));
        assertEquals(List.of(Map.of("name", "Alice"), Map.of("name", "Bob"), Map.of("name", "Charlie"),
                Map.of("name", "Daisy")), loop.getList("toolCalls.arguments"));
        assertEquals(List.of("alice is bob's wife", "bob is alice's husband", "charlie is alice's son",
                "daisy is bob's daughter and charlie's younger sister"), loop.getList("toolCalls.result"));
        assertEquals(toolCallIds(followUp.at("/messages/2"), "tool_use_id"), loop.getList("toolCalls.id"));
        assertRanOnceEachOnWorkerThreads(loop, 4);

        List<RecordedRequest> requests = standIn.requests();
        assertEquals(2, requests.size(), "the question, then the tool results");
        assertEquals(asked.get("tools"), requests.get(0).json().get("tools"), "the schema generated at build time");
        JsonNode sent = requests.get(1).json().get("messages");
        assertEquals(3, sent.size(), "question, tool uses, and all four results in one user turn");
        assertEquals("user", sent.at("/2/role").asText());
        assertEquals(RecordedJson.withPlainToolResults(followUp.get("messages")), RecordedJson.withPlainToolResults(sent));
    }

    private static JsonPath loop(String model, String prompt) {
        return postPrompt("/tools/" + model + "/loop", prompt).then().statusCode(200).extract().jsonPath();
    }

    /** One tool run per call (each call has its own result), none of them on an event-loop thread. */
    private static void assertRanOnceEachOnWorkerThreads(JsonPath loop, int calls) {
        assertEquals(calls, loop.getList("toolCalls").size());
        assertEquals(List.of("SUCCESS"), loop.getList("toolCalls.status").stream().distinct().toList());
        List<String> threads = loop.getList("toolThreads", String.class);
        assertEquals(calls, threads.size(), "tool runs: " + threads);
        assertFalse(threads.stream().anyMatch(thread -> thread.contains("eventloop")), threads.toString());
    }

    /** The ids of the recorded tool results, in order: {@code field} of each tool message or tool_result block. */
    private static List<String> toolCallIds(JsonNode results, String field) {
        List<String> ids = new ArrayList<>();
        results.findValues(field).forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
