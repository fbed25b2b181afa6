package dev.chatmodels.functions.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.functions.openai.ApiException;
import dev.chatmodels.functions.openai.CompletionRequest;
import dev.chatmodels.functions.openai.CompletionRequestReader;
import dev.chatmodels.functions.testing.RecordedToolCallStreams;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.HttpChatModel;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ReplayTransport;
import dev.chatmodels.transport.HttpStatusException;

/** The whole translation, OpenAI request to OpenAI answer, through real codecs replaying recorded answers. */
class ChatCompletionsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
    /** A key clients of the function use, which the models do not know. */
    private static final String CLIENT_KEY = "fn-client-7Hq2Lx9Vw4Rb";
    private static final String HELLO = "[{\"role\": \"user\", \"content\": \"Hello\"}]";

    private final ReplayTransport openAi = new ReplayTransport("openai-chat");
    private final ReplayTransport anthropic = new ReplayTransport("anthropic");
    private final ReplayTransport gemini = new ReplayTransport("gemini");
    private final ReplayTransport bedrock = new ReplayTransport("bedrock");
    private final ChatCompletions completions = new ChatCompletions(new Catalog(Map.of(
            "default", model("openai", "gpt-4o", openAi),
            "claude", model("anthropic", "claude-sonnet-4-5", anthropic),
            "nova", model("bedrock", "us.amazon.nova-micro-v1:0", bedrock),
            "gemini", model("google", "gemini-2.5-flash", gemini))), CLOCK, SecretRedactor.of(List.of(CLIENT_KEY)));

    @Test
    void answersWithAChatCompletion() {
        openAi.then("text_nonstream");

        JsonNode completion = complete("{\"model\": \"default\", \"messages\": " + HELLO + "}");

        assertTrue(completion.get("id").asText().startsWith("chatcmpl-"));
        assertEquals("chat.completion", completion.get("object").asText());
        assertEquals(1_700_000_000, completion.get("created").asLong());
        assertEquals("gpt-4o-2024-08-06", completion.get("model").asText());
        JsonNode choice = completion.at("/choices/0");
        assertEquals("assistant", choice.at("/message/role").asText());
        assertTrue(choice.at("/message/content").asText().startsWith("Hello! I'm just a program"));
        assertEquals("stop", choice.get("finish_reason").asText());
        assertEquals(13, completion.at("/usage/prompt_tokens").asInt());
        assertEquals(29, completion.at("/usage/completion_tokens").asInt());
        assertEquals(42, completion.at("/usage/total_tokens").asInt());
        assertEquals(0, completion.at("/usage/prompt_tokens_details/cached_tokens").asInt());
    }

    @Test
    void sendsTheRequestSettingsToolsAndFormatToTheProvider() {
        openAi.then("text_nonstream");

        complete("""
                {"model": "default", "messages": %s, "temperature": 0.3, "max_tokens": 50, "stop": ["END"],
                 "top_p": 0.9, "parallel_tool_calls": false, "tool_choice": "required",
                 "tools": [{"type": "function", "function": {"name": "get_weather",
                   "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "weather", "strict": true,
                   "schema": {"type": "object", "properties": {"ok": {"type": "boolean"}}}}}}
                """.formatted(HELLO));

        JsonNode sent = openAi.requests().get(0);
        assertEquals("gpt-4o", sent.get("model").asText());
        assertEquals(0.3, sent.get("temperature").asDouble());
        assertEquals(50, sent.get("max_tokens").asInt());
        assertEquals("END", sent.at("/stop/0").asText());
        assertEquals(0.9, sent.get("top_p").asDouble());
        assertEquals("get_weather", sent.at("/tools/0/function/name").asText());
        assertEquals("required", sent.get("tool_choice").asText());
        assertFalse(sent.get("parallel_tool_calls").asBoolean());
        assertEquals("weather", sent.at("/response_format/json_schema/name").asText());
        assertEquals("Hello", sent.at("/messages/0/content").asText());
    }

    @Test
    void answersWithParallelToolCalls() {
        openAi.then("tool_calls_parallel_nonstream");

        JsonNode message = complete("{\"model\": \"default\", \"messages\": " + HELLO + "}").at("/choices/0");

        assertEquals("tool_calls", message.get("finish_reason").asText());
        assertTrue(message.at("/message/content").isNull());
        JsonNode calls = message.at("/message/tool_calls");
        assertEquals(3, calls.size());
        assertEquals("call_kz1qLLRsugXwWiQMeH9oFAep", calls.at("/0/id").asText());
        assertEquals("function", calls.at("/0/type").asText());
        assertEquals("parallel_local_search_one", calls.at("/0/function/name").asText());
        assertEquals(Map.of("query", "latest OpenAI model release notes"),
                Jackson.MAPPER.convertValue(parse(calls.at("/0/function/arguments").asText()), Map.class));
    }

    @Test
    void translatesAnthropicAnswersToOpenAiOnes() {
        anthropic.then("text_nonstream").then("tool_use_nonstream");

        JsonNode text = complete("{\"model\": \"claude\", \"messages\": " + HELLO + "}");
        assertEquals("stop", text.at("/choices/0/finish_reason").asText());
        assertEquals("Hello! It's nice to meet you. How are you doing today?", text.at("/choices/0/message/content").asText());
        assertEquals("claude-sonnet-4-20250514", text.get("model").asText());
        assertEquals(9, text.at("/usage/prompt_tokens").asInt());

        JsonNode tool = complete("{\"model\": \"claude\", \"messages\": " + HELLO + "}");
        assertEquals("tool_calls", tool.at("/choices/0/finish_reason").asText());
        assertEquals("get_weather", tool.at("/choices/0/message/tool_calls/0/function/name").asText());
        assertEquals("{\"location\":\"Tokyo\"}", tool.at("/choices/0/message/tool_calls/0/function/arguments").asText());
    }

    @Test
    void givesAnthropicAResponseFormatThroughAForcedToolAndAnswersWithTheJsonAsText() {
        anthropic.then("tool_use_nonstream");

        JsonNode completion = complete("""
                {"model": "claude", "messages": %s, "response_format": {"type": "json_schema", "json_schema": {
                  "name": "get_weather", "schema": {"type": "object", "properties": {"location": {"type": "string"}}}}}}
                """.formatted(HELLO));

        JsonNode sent = anthropic.requests().get(0);
        assertEquals("get_weather", sent.at("/tools/0/name").asText());
        assertEquals("string", sent.at("/tools/0/input_schema/properties/location/type").asText());
        assertEquals("tool", sent.at("/tool_choice/type").asText());
        assertEquals("get_weather", sent.at("/tool_choice/name").asText());
        JsonNode choice = completion.at("/choices/0");
        assertEquals("{\"location\":\"Tokyo\"}", choice.at("/message/content").asText());
        assertTrue(choice.at("/message/tool_calls").isMissingNode());
        assertEquals("stop", choice.get("finish_reason").asText());
    }

    @Test
    void letsAnthropicChooseBetweenTheClientsToolsAndTheAnswer() {
        anthropic.then("tool_use_nonstream");

        JsonNode completion = complete("""
                {"model": "claude", "messages": %s, "response_format": {"type": "json_object"},
                 "tools": [{"type": "function", "function": {"name": "get_weather"}}]}
                """.formatted(HELLO));

        JsonNode sent = anthropic.requests().get(0);
        assertEquals(List.of("get_weather", "json_object"), names(sent.get("tools")));
        assertEquals("any", sent.at("/tool_choice/type").asText());
        assertEquals("tool_calls", completion.at("/choices/0/finish_reason").asText());
        assertEquals("get_weather", completion.at("/choices/0/message/tool_calls/0/function/name").asText());
    }

    @Test
    void streamsTextThenTheFinishReasonThenTheUsage() {
        openAi.then("text_stream_include_usage_2");

        List<JsonNode> chunks = stream("{\"model\": \"default\", \"stream\": true, \"stream_options\": "
                + "{\"include_usage\": true}, \"messages\": " + HELLO + "}");

        assertEquals("assistant", chunks.get(0).at("/choices/0/delta/role").asText());
        String id = chunks.get(0).get("id").asText();
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            assertEquals(id, chunk.get("id").asText());
            assertEquals("chat.completion.chunk", chunk.get("object").asText());
            text.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        assertFalse(text.isEmpty());
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertEquals("stop", finish.at("/choices/0/finish_reason").asText());
        assertTrue(finish.get("usage").isNull());
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertEquals(0, usage.get("choices").size());
        assertTrue(usage.at("/usage/total_tokens").asInt() > 0);
        assertEquals(usage.at("/usage/prompt_tokens").asInt() + usage.at("/usage/completion_tokens").asInt(),
                usage.at("/usage/total_tokens").asInt());
    }

    @Test
    void streamsWithoutAUsageChunkUnlessAskedFor() {
        openAi.then("text_stream_include_usage_2");

        List<JsonNode> chunks = stream("{\"model\": \"default\", \"stream\": true, \"messages\": " + HELLO + "}");

        JsonNode last = chunks.get(chunks.size() - 1);
        assertEquals("stop", last.at("/choices/0/finish_reason").asText());
        assertTrue(chunks.stream().noneMatch(chunk -> chunk.has("usage")));
    }

    @Test
    void streamsParallelToolCallsAsIndexedDeltas() {
        openAi.then("tool_calls_stream_parallel");

        RecordedToolCallStreams.assertOpenAiParallelCalls(
                stream("{\"model\": \"default\", \"stream\": true, \"messages\": " + HELLO + "}"));
    }

    @Test
    void numbersAnthropicToolCallsFromZeroWhateverItsBlockIndexes() {
        anthropic.then("tool_use_stream");

        RecordedToolCallStreams.assertAnthropicCallNumberedFromZero(
                stream("{\"model\": \"claude\", \"stream\": true, \"messages\": " + HELLO + "}"));
    }

    @Test
    void streamsAnthropicStructuredOutputAsContent() {
        anthropic.then("tool_use_stream");

        List<JsonNode> chunks = stream("""
                {"model": "claude", "stream": true, "messages": %s, "response_format": {"type": "json_schema",
                 "json_schema": {"name": "get_current_temperature", "schema": {"type": "object"}}}}
                """.formatted(HELLO));

        StringBuilder content = new StringBuilder();
        for (JsonNode chunk : chunks) {
            assertTrue(chunk.at("/choices/0/delta/tool_calls").isMissingNode(), chunk.toString());
            content.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        // The recorded answer says a few words before calling the tool; the JSON follows them.
        String text = content.toString();
        String json = text.substring(text.indexOf('{'));
        assertEquals("San Francisco", parse(json).get("city").asText(), text);
        assertEquals("stop", chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText());
    }

    @Test
    void translatesBedrockAnswersToOpenAiOnes() {
        bedrock.then("converse_text").then("converse_tool_use");

        JsonNode text = complete("{\"model\": \"nova\", \"messages\": " + HELLO + "}");
        assertEquals("stop", text.at("/choices/0/finish_reason").asText());
        assertTrue(text.at("/choices/0/message/content").asText().startsWith("Hello! How can I assist you today?"));
        assertEquals(7, text.at("/usage/prompt_tokens").asInt());
        assertEquals(30, text.at("/usage/completion_tokens").asInt());

        JsonNode tool = complete("{\"model\": \"nova\", \"messages\": " + HELLO + "}");
        assertEquals("tool_calls", tool.at("/choices/0/finish_reason").asText());
        assertEquals("tooluse_Mj06ft-ITJik1Otgpkc1uA", tool.at("/choices/0/message/tool_calls/0/id").asText());
        assertEquals("temperature", tool.at("/choices/0/message/tool_calls/0/function/name").asText());
        assertEquals(parse("{\"city\": \"London\", \"date\": \"2022-01-01\"}"),
                parse(tool.at("/choices/0/message/tool_calls/0/function/arguments").asText()));
    }

    @Test
    void givesBedrockAResponseFormatThroughAForcedToolAndAnswersWithTheJsonAsText() {
        bedrock.then("converse_tool_use");

        JsonNode completion = complete("""
                {"model": "nova", "messages": %s, "response_format": {"type": "json_schema", "json_schema": {
                  "name": "temperature", "schema": {"type": "object", "properties": {"city": {"type": "string"}}}}}}
                """.formatted(HELLO));

        JsonNode sent = bedrock.requests().get(0);
        assertEquals("temperature", sent.at("/toolConfig/tools/0/toolSpec/name").asText());
        assertEquals("string", sent.at("/toolConfig/tools/0/toolSpec/inputSchema/json/properties/city/type").asText());
        assertEquals("temperature", sent.at("/toolConfig/toolChoice/tool/name").asText());
        JsonNode choice = completion.at("/choices/0");
        assertEquals(parse("{\"city\": \"London\", \"date\": \"2022-01-01\"}"), parse(choice.at("/message/content").asText()));
        assertTrue(choice.at("/message/tool_calls").isMissingNode());
        assertEquals("stop", choice.get("finish_reason").asText());
    }

    @Test
    void sendsTheClientsToolsToBedrockAndItsToolResultsBack() {
        bedrock.then("converse_tool_result_followup");

        complete(
                """
                        {"model": "nova", "messages": [
                          {"role": "user", "content": "What was the temperature in London 1st January 2022?"},
                          {"role": "assistant", "tool_calls": [{"id": "tooluse_Mj06ft-ITJik1Otgpkc1uA", "type": "function",
                            "function": {"name": "temperature", "arguments": "{\\"city\\": \\"London\\", \\"date\\": \\"2022-01-01\\"}"}}]},
                          {"role": "tool", "tool_call_id": "tooluse_Mj06ft-ITJik1Otgpkc1uA", "content": "30°C"}],
                         "tools": [{"type": "function", "function": {"name": "temperature", "parameters": {"type": "object"}}}]}
                        """);

        JsonNode sent = bedrock.requests().get(0);
        JsonNode recorded = Fixtures.json("bedrock", "converse_tool_result_followup.request.json");
        assertEquals(recorded.at("/messages/1"), sent.at("/messages/1"));
        assertEquals(recorded.at("/messages/2"), sent.at("/messages/2"));
        assertEquals("temperature", sent.at("/toolConfig/tools/0/toolSpec/name").asText());
    }

    @Test
    void streamsBedrockTextThenTheFinishReasonThenTheUsage() {
        bedrock.then("converse_stream_text");

        List<JsonNode> chunks = stream("{\"model\": \"nova\", \"stream\": true, \"stream_options\": "
                + "{\"include_usage\": true}, \"messages\": " + HELLO + "}");

        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.at("/choices/0/delta/content").asText("")));
        assertTrue(text.toString().startsWith("The capital of France is Paris."), text.toString());
        assertEquals("stop", chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText());
        JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
        assertEquals(13, usage.get("prompt_tokens").asInt());
        assertEquals(82, usage.get("completion_tokens").asInt());
    }

    @Test
    void numbersBedrockToolCallsFromZeroWhateverItsBlockIndexes() {
        bedrock.then("converse_stream_tool_use");

        RecordedToolCallStreams.assertBedrockCallNumberedFromZero(
                stream("{\"model\": \"nova\", \"stream\": true, \"messages\": " + HELLO + "}"));
    }

    @Test
    void translatesGeminiAnswersToOpenAiOnes() {
        gemini.then("generate_content_text").then("function_calls_parallel");

        JsonNode text = complete("{\"model\": \"gemini\", \"messages\": " + HELLO + "}");
        assertEquals("stop", text.at("/choices/0/finish_reason").asText());
        assertEquals("Hello! How can I help you today?", text.at("/choices/0/message/content").asText());
        assertEquals("gemini-2.5-flash", text.get("model").asText());
        assertEquals(9, text.at("/usage/prompt_tokens").asInt());
        assertEquals(43, text.at("/usage/completion_tokens").asInt(), "the thinking tokens count as completion tokens");
        assertEquals(34, text.at("/usage/completion_tokens_details/reasoning_tokens").asInt());

        JsonNode tools = complete("{\"model\": \"gemini\", \"messages\": " + HELLO + "}");
        assertEquals("tool_calls", tools.at("/choices/0/finish_reason").asText(), "Gemini's STOP with calls");
        JsonNode calls = tools.at("/choices/0/message/tool_calls");
        assertEquals(3, calls.size());
        assertEquals("parallel_local_search_two", calls.at("/1/function/name").asText());
        assertEquals(Map.of("query", "latest Anthropic model release notes"),
                Jackson.MAPPER.convertValue(parse(calls.at("/1/function/arguments").asText()), Map.class));
        assertEquals(3, Set.of(calls.at("/0/id").asText(), calls.at("/1/id").asText(), calls.at("/2/id").asText()).size());
    }

    @Test
    void givesGeminiAStrictResponseFormatAsItsResponseJsonSchema() {
        gemini.then("generate_content_text");

        complete("""
                {"model": "gemini", "messages": %s, "temperature": 0.3, "top_p": 0.9, "tool_choice": "none",
                 "tools": [{"type": "function", "function": {"name": "get_weather",
                   "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "weather", "strict": true,
                   "schema": {"type": "object", "properties": {"ok": {"type": "boolean"}, "city": {"type": "string",
                     "pattern": "^[A-Z]"}}, "required": ["ok", "city"], "additionalProperties": false}}}}
                """.formatted(HELLO));

        JsonNode sent = gemini.requests().get(0);
        assertEquals(parse("""
                {"temperature": 0.3, "top_p": 0.9, "responseMimeType": "application/json", "responseJsonSchema":
                  {"type": "object", "properties": {"ok": {"type": "boolean"}, "city": {"type": "string"}},
                   "required": ["ok", "city"], "additionalProperties": false}}"""), sent.get("generationConfig"));
        assertEquals("get_weather", sent.at("/tools/0/functionDeclarations/0/name").asText());
        assertEquals("NONE", sent.at("/toolConfig/functionCallingConfig/mode").asText());
        assertEquals(parse("[{\"parts\": [{\"text\": \"Hello\"}], \"role\": \"user\"}]"), sent.get("contents"));
    }

    @Test
    void streamsGeminiTextThenTheFinishReasonThenTheUsage() {
        gemini.then("stream_generate_content_text");

        List<JsonNode> chunks = stream("{\"model\": \"gemini\", \"stream\": true, \"stream_options\": "
                + "{\"include_usage\": true}, \"messages\": " + HELLO + "}");

        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.at("/choices/0/delta/content").asText("")));
        assertEquals("The capital of France is Paris.\n", text.toString());
        assertEquals("stop", chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText());
        JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
        // the last of the usage reports in the stream
        assertEquals(13, usage.get("prompt_tokens").asInt());
        assertEquals(8, usage.get("completion_tokens").asInt());
        assertEquals(21, usage.get("total_tokens").asInt());
    }

    @Test
    void streamsGeminiToolCallsAsIndexedDeltas() {
        gemini.then("function_calls_stream");

        List<JsonNode> chunks = stream("{\"model\": \"gemini\", \"stream\": true, \"messages\": " + HELLO + "}");

        List<String> cities = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (JsonNode chunk : chunks) {
            for (JsonNode call : chunk.at("/choices/0/delta/tool_calls")) {
                indexes.add(call.get("index").asInt());
                cities.add(parse(call.at("/function/arguments").asText()).get("city").asText());
            }
        }
        assertEquals(List.of(0, 1), indexes);
        assertEquals(List.of("Paris", "London"), cities);
        assertEquals("tool_calls", chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText());
    }

    @Test
    void rejectsModelsThatAreNotConfigured() {
        ApiException failure = assertThrows(ApiException.class,
                () -> complete("{\"model\": \"gpt-4o\", \"messages\": " + HELLO + "}"));

        assertEquals(404, failure.error().status());
        assertEquals("model_not_found", failure.error().code());
        assertEquals("model", failure.error().param());
        assertTrue(failure.getMessage().contains("[default, claude, gemini, nova]"), failure.getMessage());
        assertTrue(openAi.requests().isEmpty());
    }

    @Test
    void failsAStreamForAnUnknownModelBeforeAnyChunk() {
        ApiException failure = assertThrows(ApiException.class,
                () -> stream("{\"model\": \"nope\", \"stream\": true, \"messages\": " + HELLO + "}"));
        assertEquals(404, failure.error().status());
    }

    @Test
    void redactsSecretsTheModelDoesNotKnowFromTheErrorAndItsCause() {
        String body = "{\"error\": {\"message\": \"Forwarded header Bearer " + CLIENT_KEY + " is not allowed\"}}";
        openAi.thenFailure(new HttpStatusException(400, Map.of(), body))
                .thenFailure(new HttpStatusException(400, Map.of(), body));

        for (Throwable failure : List.of(
                assertThrows(ApiException.class, () -> complete("{\"model\": \"default\", \"messages\": " + HELLO + "}")),
                assertThrows(ApiException.class,
                        () -> stream("{\"model\": \"default\", \"stream\": true, \"messages\": " + HELLO + "}")))) {
            ApiException api = (ApiException) failure;
            assertEquals(400, api.error().status());
            assertTrue(api.error().message().contains("Forwarded header Bearer [redacted] is not allowed"),
                    api.error().message());
            assertFalse(api.error().toJson().toString().contains(CLIENT_KEY.substring(0, 8)));
            assertFalse(api.getCause().toString().contains(CLIENT_KEY.substring(0, 8)), api.getCause().toString());
        }
    }

    @Test
    void letsUnexpectedFailuresThroughForTheLogWithTheirStackTrace() {
        IllegalStateException bug = new IllegalStateException("a bug");
        ChatCompletions broken = new ChatCompletions(new ModelCatalog() {
            @Override
            public Set<String> names() {
                return Set.of("default");
            }

            @Override
            public ChatModel get(String name) {
                throw bug;
            }
        }, CLOCK, SecretRedactor.NONE);
        CompletionRequest request = read("{\"model\": \"default\", \"messages\": " + HELLO + "}");

        assertEquals(bug, assertThrows(IllegalStateException.class, () -> broken.complete(request).await().indefinitely()));
        assertEquals(bug,
                assertThrows(IllegalStateException.class,
                        () -> broken.stream(request).collect().asList().await().indefinitely()));
    }

    private JsonNode complete(String body) {
        return completions.complete(read(body)).await().indefinitely();
    }

    private List<JsonNode> stream(String body) {
        return new ArrayList<>(completions.stream(read(body)).collect().asList().await().indefinitely());
    }

    private static CompletionRequest read(String body) {
        return new CompletionRequestReader(100).read(body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode parse(String json) {
        try {
            return Jackson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }

    private static List<String> names(JsonNode tools) {
        List<String> names = new ArrayList<>();
        tools.forEach(tool -> names.add(tool.get("name").asText()));
        return names;
    }

    private static ChatModel model(String provider, String modelName, ReplayTransport transport) {
        return HttpChatModel.builder(ProviderRegistry.require(provider))
                .transport(transport)
                .settings(ModelSettings.of(modelName))
                .build();
    }

    /** Models by name, {@code default} first. */
    private record Catalog(Map<String, ChatModel> models) implements ModelCatalog {

        @Override
        public Set<String> names() {
            Set<String> names = new TreeSet<>(Comparator.comparing((String name) -> !name.equals("default"))
                    .thenComparing(Comparator.naturalOrder()));
            names.addAll(models.keySet());
            return names;
        }

        @Override
        public ChatModel get(String name) {
            return models.get(name);
        }
    }
}
