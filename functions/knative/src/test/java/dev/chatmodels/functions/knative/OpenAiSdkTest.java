package dev.chatmodels.functions.knative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

import dev.chatmodels.functions.testing.SseBody;
import dev.chatmodels.functions.testing.StandIn;
import dev.chatmodels.functions.testing.StandInModels;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.RecordedAnswers;
import dev.chatmodels.testing.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The official OpenAI Java SDK talking to the function: it must not notice it is not OpenAI. */
@QuarkusTest
@WithTestResource(StandInModels.class)
class OpenAiSdkTest {

    @TestHTTPResource("/v1")
    URL api;

    @StandIn
    ProviderStandIn standIn;

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        standIn.reset();
        client = OpenAIOkHttpClient.builder().baseUrl(api.toString()).apiKey("unused").maxRetries(0).build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void completes() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("default").addSystemMessage("Be brief.").addUserMessage("Hello, how are you?")
                .temperature(0.2).maxCompletionTokens(100).build());

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertEquals(Fixtures.json("openai-chat", "text_nonstream.response.json").at("/choices/0/message/content").asText(),
                choice.message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, choice.finishReason());
        assertEquals(42, completion.usage().orElseThrow().totalTokens());
    }

    @Test
    void streamsAnAnthropicAnswerWithUsage() {
        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "text_stream_cache_read.response.sse"));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("claude").addUserMessage("Hello")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion completion = accumulator.chatCompletion();
        assertEquals(RecordedAnswers.streamedText("anthropic", "text_stream_cache_read"),
                completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertTrue(completion.usage().orElseThrow().promptTokens() > 0);
    }

    @Test
    void streamsParallelToolCalls() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "tool_calls_stream_parallel.response.sse"));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("default").addUserMessage("Which country and product?")
                        .addFunctionTool(function("get_country")).addFunctionTool(function("get_product_name"))
                        .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion.Choice choice = accumulator.chatCompletion().choices().get(0);
        List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().orElseThrow();
        assertEquals(List.of("get_country", "get_product_name"),
                calls.stream().map(call -> call.asFunction().function().name()).toList());
        calls.forEach(call -> assertTrue(SseBody.json(call.asFunction().function().arguments()).isObject()));
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, choice.finishReason());
        assertEquals(2, standIn.requests().get(0).json().get("tools").size());
    }

    @Test
    void getsAJsonSchemaAnswerFromAnthropic() {
        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "tool_use_nonstream.response.json"));

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude").addUserMessage("Where?")
                .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("get_weather")
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties",
                                        JsonValue.from(Map.of("location", Map.of("type", "string"))))
                                .build())
                        .build()).build())
                .build());

        String content = completion.choices().get(0).message().content().orElseThrow();
        assertEquals("Tokyo", SseBody.json(content).get("location").asText());
    }

    @Test
    void seesTheFunctionsErrorsAsOpenAiErrors() {
        NotFoundException notFound = assertThrows(NotFoundException.class, () -> client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("Hi").build()));
        assertEquals("model_not_found", notFound.code().orElseThrow());

        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "error_429_rate_limit_with_headers.response.json"));
        RateLimitException limited = assertThrows(RateLimitException.class, () -> client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("claude").addUserMessage("Hi").build()));
        assertEquals("4", limited.headers().values("retry-after").get(0));
    }

    private static FunctionDefinition function(String name) {
        return FunctionDefinition.builder().name(name).parameters(FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object")).build()).build();
    }
}
