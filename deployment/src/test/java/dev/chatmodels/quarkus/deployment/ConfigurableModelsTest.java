package dev.chatmodels.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.ConfigurableChatModel;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.quarkus.runtime.ModelName;
import dev.chatmodels.structured.StructuredChatModel;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.RecordedRequest;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.tool.ToolSpecification;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Configurable models from {@link ChatModels#configurable} and {@link ChatModels#init}, switching between the OpenAI
 * and Anthropic stand-ins per call, and {@code disable-streaming} on both providers.
 */
class ConfigurableModelsTest {

    private static final String OPENAI_KEY = "sk-test-openai-configurable";
    private static final String ANTHROPIC_KEY = "sk-ant-test-configurable";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClass(StandInConfigSource.class)
                    .addAsServiceProvider(ConfigSource.class, StandInConfigSource.class))
            .overrideConfigKey("OPENAI_API_KEY", OPENAI_KEY)
            .overrideConfigKey("ANTHROPIC_API_KEY", ANTHROPIC_KEY)
            .overrideConfigKey("quarkus.chat-models.whole.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.whole.disable-streaming", "true")
            .overrideConfigKey("quarkus.chat-models.whole.max-retries", "0")
            .overrideRuntimeConfigKey("quarkus.chat-models.whole.base-url", "${stand-in.url}/v1")
            .setLogRecordPredicate(record -> record.getLoggerName().equals(ConfigurableChatModel.class.getName()))
            .assertLogRecords(records -> {
                // one model is made with "any": one warning, without any value
                assertEquals(1, records.size(), () -> "records: " + records);
                assertEquals(Level.WARNING.intValue(), records.get(0).getLevel().intValue());
                assertFalse(records.get(0).getMessage().contains(OPENAI_KEY));
            });

    private static final ToolSpecification WEATHER = ToolSpecification.of("get_weather", "The weather in a city",
            (ObjectNode) Jackson.MAPPER.valueToTree(Map.of("type", "object", "properties",
                    Map.of("location", Map.of("type", "string")), "required", List.of("location"))));

    @Inject
    ChatModels models;

    @Inject
    @ModelName("whole")
    ChatModel whole;

    private final ProviderStandIn standIn = StandInConfigSource.standIn();
    private int seen;

    @BeforeEach
    void reset() {
        standIn.reset();
        seen = 0;
    }

    @AfterAll
    static void stopStandIn() {
        StandInConfigSource.stop();
    }

    private String baseUrl() {
        return standIn.baseUrl() + "/v1";
    }

    private static RunConfig model(String key, String model) {
        return RunConfig.EMPTY.withConfigurable(key, model);
    }

    /** The one request made since the last one this returned. */
    private RecordedRequest onlyRequest() {
        List<RecordedRequest> requests = standIn.requests();
        assertEquals(seen + 1, requests.size(), () -> "requests: " + requests);
        return requests.get(seen++);
    }

    @Test
    void eachCallChoosesTheProviderAndModel() {
        ConfigurableChatModel model = models.configurable(Map.of("temperature", 0, "max_tokens", 50, "base_url", baseUrl()));
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));
        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "text_nonstream.response.json"));

        AIMessage fromOpenAi = model.invoke(List.of(HumanMessage.of("Hello")),
                model("model", "openai:gpt-4.1-mini"));
        RecordedRequest openAi = onlyRequest();
        AIMessage fromClaude = model.invoke(List.of(HumanMessage.of("Hello")),
                model("model", "claude-haiku-4-5"));
        RecordedRequest claude = onlyRequest();

        assertEquals(Fixtures.json("openai-chat", "text_nonstream.response.json").at("/choices/0/message/content").asText(),
                fromOpenAi.text());
        assertEquals("/v1/chat/completions", openAi.path());
        assertEquals("Bearer " + OPENAI_KEY, openAi.header("authorization"));
        assertEquals("gpt-4.1-mini", openAi.json().path("model").asText());
        assertEquals(0, openAi.json().path("temperature").asInt());
        assertEquals("Hello! It's nice to meet you. How are you doing today?", fromClaude.text());
        assertEquals("/v1/messages", claude.path());
        assertEquals(ANTHROPIC_KEY, claude.header("x-api-key"));
        assertEquals("claude-haiku-4-5", claude.json().path("model").asText());
        assertEquals(50, claude.json().path("max_tokens").asInt());
    }

    @Test
    void initWithConfigurableFieldsAndAPrefix() {
        ChatModel model = models.init("openai:gpt-4.1-mini", Map.of("temperature", 0, "base_url", baseUrl(),
                "configurable_fields", List.of("model", "model_provider", "temperature", "max_tokens"),
                "config_prefix", "first"));
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));
        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "text_nonstream.response.json"));

        // unprefixed keys are someone else's
        model.invoke(List.of(HumanMessage.of("Hi")), model("model", "claude-haiku-4-5"));
        RecordedRequest defaults = onlyRequest();
        model.invoke(List.of(HumanMessage.of("Hi")), model("first_model", "claude-haiku-4-5")
                .withConfigurable("first_temperature", 0.5).withConfigurable("first_max_tokens", 100));
        RecordedRequest configured = onlyRequest();

        assertEquals("gpt-4.1-mini", defaults.json().path("model").asText());
        assertEquals("/v1/messages", configured.path());
        assertEquals(0.5, configured.json().path("temperature").asDouble());
        assertEquals(100, configured.json().path("max_tokens").asInt());
    }

    @Test
    void concreteModelsAreMadeOnceAndShareTheFactorysTransports() {
        ConfigurableChatModel model = models.configurable(Map.of("base_url", baseUrl()));
        RunConfig gpt = model("model", "openai:gpt-4.1-mini");
        RunConfig claude = model("model", "claude-haiku-4-5");

        ChatModel first = model.selectedModel(gpt);

        assertSame(first, model.selectedModel(gpt));
        assertSame(model.selectedModel(claude), model.selectedModel(claude));
        assertNotSame(first, model.selectedModel(claude));
        assertEquals("anthropic", model.selectedModel(claude).provider());
    }

    @Test
    void toolsBoundOnTheConfigurableModelReachEveryProvider() {
        ChatModel model = models.configurable(Map.of("base_url", baseUrl())).bindTools(List.of(WEATHER));
        standIn.enqueue("/v1/chat/completions",
                Reply.fromFixture("openai-chat", "tool_calls_parallel_nonstream.response.json"));
        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "tool_use_nonstream.response.json"));

        model.invoke(List.of(HumanMessage.of("Weather?")), model("model", "openai:gpt-4.1-mini"));
        JsonNode openAi = onlyRequest().json();
        AIMessage fromClaude = model.invoke(List.of(HumanMessage.of("Weather?")),
                model("model", "claude-haiku-4-5"));
        JsonNode claude = onlyRequest().json();

        assertEquals("get_weather", openAi.at("/tools/0/function/name").asText());
        assertEquals("get_weather", claude.at("/tools/0/name").asText());
        assertEquals(Map.of("location", "Tokyo"), fromClaude.toolCalls().get(0).args());
    }

    @Test
    void structuredOutputOnTheConfigurableModelUsesFunctionCallingOnEveryProvider() {
        StructuredChatModel<Map<String, Object>> model = models.configurable(Map.of("base_url", baseUrl()))
                .withStructuredOutput(Map.of("title", "get_weather", "type", "object", "properties",
                        Map.of("location", Map.of("type", "string"))), null);
        // the recorded OpenAI answer, calling the output tool
        ObjectNode openAiAnswer = (ObjectNode) Fixtures.json("openai-chat", "tool_calls_parallel_nonstream.response.json");
        ObjectNode call = (ObjectNode) openAiAnswer.at("/choices/0/message/tool_calls/0/function");
        call.put("name", "get_weather").put("arguments", "{\"location\": \"Paris\"}");
        standIn.enqueue("/v1/chat/completions", Reply.json(200, openAiAnswer.toString()));
        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "tool_use_nonstream.response.json"));

        Map<String, Object> fromOpenAi = model.invoke(List.of(HumanMessage.of("Weather?")),
                model("model", "openai:gpt-4.1-mini"));
        JsonNode openAi = onlyRequest().json();
        Map<String, Object> fromClaude = model.invoke(List.of(HumanMessage.of("Weather?")),
                model("model", "claude-haiku-4-5"));
        JsonNode claude = onlyRequest().json();

        assertEquals(Map.of("location", "Paris"), fromOpenAi);
        assertEquals("get_weather", openAi.at("/tool_choice/function/name").asText());
        assertTrue(openAi.path("response_format").isMissingNode());
        assertEquals(Map.of("location", "Tokyo"), fromClaude);
        assertEquals("get_weather", claude.at("/tool_choice/name").asText());
    }

    @Test
    void aCallCannotConfigureTheKeyOrBaseUrlUnlessListed() {
        ConfigurableChatModel model = models.configurable(Map.of("base_url", baseUrl()));
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        model.invoke(List.of(HumanMessage.of("Hi")), model("model", "openai:gpt-4.1-mini")
                .withConfigurable("api_key", "sk-stolen").withConfigurable("base_url", "http://evil.invalid/v1"));

        assertEquals("Bearer " + OPENAI_KEY, onlyRequest().header("authorization"));
        ConfigurableChatModel any = models.configurable(Map.of("base_url", baseUrl(), "configurable_fields", "any"));
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));
        any.invoke(List.of(HumanMessage.of("Hi")), model("model", "openai:gpt-4.1-mini")
                .withConfigurable("api_key", "sk-chosen"));
        assertEquals("Bearer sk-chosen", onlyRequest().header("authorization"));
    }

    @Test
    void disableStreamingMakesAStreamOneRequestOnOpenAi() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"),
                Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        List<AIMessageChunk> chunks = whole.stream("Hello").collect().asList().await().atMost(Duration.ofSeconds(10));
        AIMessage invoked = whole.invoke("Hello");

        assertEquals(1, chunks.size());
        assertEquals(invoked.text(), chunks.get(0).text());
        assertEquals(invoked.usage(), chunks.get(0).usage());
        assertTrue(invoked.usage().totalTokens() > 0);
        List<RecordedRequest> requests = standIn.requests();
        assertEquals(2, requests.size());
        assertFalse(requests.get(0).json().path("stream").asBoolean());
    }

    @Test
    void disableStreamingToolCallingOnAnthropicOnlyWhileToolsAreBound() {
        ChatModel model = models.init("anthropic:claude-haiku-4-5", Map.of("base_url", baseUrl(), "max_retries", 0,
                "disable_streaming", "tool_calling"));
        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "text_stream_cache_read.response.sse"),
                Reply.fromFixture("anthropic", "tool_use_nonstream.response.json"));

        String streamed = AIMessageChunk.sum(model.stream("Hello").collect().asList().await().atMost(Duration.ofSeconds(10)))
                .toMessage().text();
        assertTrue(onlyRequest().json().path("stream").asBoolean());
        List<AIMessageChunk> withTools = model.bindTools(List.of(WEATHER)).stream("Weather?").collect().asList()
                .await().atMost(Duration.ofSeconds(10));

        assertEquals("Hello", streamed);
        assertEquals(1, withTools.size());
        AIMessage answer = AIMessageChunk.sum(withTools).toMessage();
        assertEquals(Map.of("location", "Tokyo"), answer.toolCalls().get(0).args());
        assertTrue(answer.usage().totalTokens() > 0);
        assertFalse(onlyRequest().json().path("stream").asBoolean());
    }
}
