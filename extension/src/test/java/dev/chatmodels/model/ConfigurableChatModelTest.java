package dev.chatmodels.model;

import static dev.chatmodels.model.FakeChatTransport.ok;
import static dev.chatmodels.model.FakeChatTransport.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.structured.StructuredChatModel;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;
import io.smallrye.mutiny.infrastructure.Infrastructure;

class ConfigurableChatModelTest {

    /** Makes fake models that answer with their model name and count what they made. */
    private static final class CountingSource implements ConfigurableChatModel.Source {
        final AtomicInteger made = new AtomicInteger();
        final List<Map<String, Object>> options = new ArrayList<>();

        @Override
        public ChatModel create(Map<String, Object> given) {
            made.incrementAndGet();
            options.add(given);
            String name = String.valueOf(given.get("model"));
            Object temperature = given.get("temperature");
            return HttpChatModel.builder(FakeChatCodec.PROVIDER)
                    .transport(FakeChatTransport.posting(call -> ok(FakeChatCodec.answer(prompt(call), name, 3, 2))))
                    .settings(ModelSettings.of(name)
                            .withTemperature(temperature == null ? null : ((Number) temperature).doubleValue()))
                    .build();
        }
    }

    private static RunConfig configurable(String key, Object value) {
        return RunConfig.EMPTY.withConfigurable(key, value);
    }

    private static String answeredBy(ChatModel model, RunConfig config) {
        AIMessage answer = model.invokeAsync(List.of(HumanMessage.of("hi")), config).await().atMost(Duration.ofSeconds(5));
        return (String) answer.responseMetadata().get(ResponseMetadata.MODEL_NAME);
    }

    private static HttpChatModel selected(ConfigurableChatModel model, RunConfig config) {
        return assertInstanceOf(HttpChatModel.class, model.selectedModel(config));
    }

    @Test
    void withoutAModelEachCallChoosesTheModelAndOnlyModelAndProviderAreConfigurable() {
        CountingSource source = new CountingSource();
        ConfigurableChatModel model = ConfigurableChatModel.of(source, Map.of("temperature", 0), null, null);

        assertEquals("fake-a", answeredBy(model, configurable("model", "fake-a")));
        assertEquals("fake-b", answeredBy(model, configurable("model", "fake-b")));
        // temperature is not configurable: ignored, as the reference does
        assertEquals(0.0, selected(model, configurable("model", "fake-a").withConfigurable("temperature", 0.9))
                .settings().temperature());
        assertEquals(2, source.made.get());
    }

    @Test
    void aCallWithoutAModelFailsNamingTheKeyWithItsPrefix() {
        ConfigurableChatModel model = ConfigurableChatModel.of(new CountingSource(), Map.of(),
                ConfigurableFields.of(List.of("model")), "first");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.invokeAsync(List.of(HumanMessage.of("hi")), RunConfig.EMPTY).await().indefinitely());

        assertTrue(error.getMessage().contains("configurable value 'first_model'"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> model.stream(List.of(HumanMessage.of("hi")), configurable("model", "fake-a")).collect().asList()
                        .await().indefinitely());
    }

    @Test
    void concreteModelsAreMadeOncePerDistinctOptions() {
        CountingSource source = new CountingSource();
        ConfigurableChatModel model = ConfigurableChatModel.of(source, Map.of("model", "fake-default"),
                ConfigurableFields.of(List.of("model", "temperature")), null);

        for (int i = 0; i < 3; i++) {
            assertEquals("fake-default", answeredBy(model, RunConfig.EMPTY));
            assertEquals("fake-a", answeredBy(model, configurable("model", "fake-a")));
            assertEquals("fake-a", answeredBy(model, configurable("model", "fake-a").withConfigurable("temperature", 0.5)));
        }

        assertEquals(3, source.made.get());
        assertSame(model.selectedModel(configurable("model", "fake-a")), model.selectedModel(configurable("model", "fake-a")));
        // the default options are the default model's: a value equal to them selects it
        assertSame(model.selectedModel(RunConfig.EMPTY), model.selectedModel(configurable("model", "fake-default")));
    }

    @Test
    void theCacheIsBoundedAndRemakesADroppedModel() {
        CountingSource source = new CountingSource();
        ConfigurableChatModel model = ConfigurableChatModel.of(source, Map.of(), null, null);
        int distinct = ConcreteModels.MAX_MODELS + 1;

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < distinct; i++) {
                model.selectedModel(configurable("model", "fake-" + i));
            }
        }

        // the second round found at least one model dropped, and remade it
        assertTrue(source.made.get() > distinct, "made " + source.made.get());
        int made = source.made.get();
        model.selectedModel(configurable("model", "fake-" + (distinct - 1)));
        assertEquals(made, source.made.get(), "the model used last is kept");
    }

    @Test
    void aPrefixNamesTheKeysAndUnprefixedKeysAreIgnored() {
        CountingSource source = new CountingSource();
        ConfigurableChatModel model = ConfigurableChatModel.of(source, Map.of("model", "fake-default", "temperature", 0),
                ConfigurableFields.of(List.of("model", "temperature")), "first");

        assertEquals("fake-default", answeredBy(model, configurable("model", "fake-a")));
        HttpChatModel chosen = selected(model,
                configurable("first_model", "fake-b").withConfigurable("first_temperature", 0.5));
        assertEquals("fake-b", chosen.modelName());
        assertEquals(0.5, chosen.settings().temperature());
    }

    @Test
    void declarativeCallsAreQueuedAndAppliedToEachSelectedModel() {
        CountingSource source = new CountingSource();
        ToolSpecification weather = ToolSpecification.of("get_weather", "The weather",
                Jackson.MAPPER.createObjectNode().put("type", "object"));
        ConfigurableChatModel configurable = ConfigurableChatModel.of(source, Map.of(), null, null);
        ChatModel bound = configurable.bindTools(List.of(weather), ToolChoice.ANY)
                .bind(Map.of("top_p", 0.5))
                .withSettings(settings -> settings.withMaxTokens(99));

        for (String name : List.of("fake-a", "fake-b")) {
            HttpChatModel chosen = selected((ConfigurableChatModel) bound, configurable("model", name));
            assertEquals(name, chosen.modelName());
            assertEquals(List.of("get_weather"), chosen.bindings().tools().stream().map(ToolSpecification::name).toList());
            assertEquals(ToolChoice.ANY, chosen.bindings().toolChoice());
            assertEquals(Map.of("top_p", 0.5), chosen.settings().kwargs());
            assertEquals(99, chosen.settings().maxTokens());
        }
        assertEquals(List.of("get_weather"), bound.bindings().tools().stream().map(ToolSpecification::name).toList());
        // the model it came from is unchanged, and shares the models already made
        assertTrue(selected(configurable, configurable("model", "fake-a")).bindings().tools().isEmpty());
        assertEquals(2, source.made.get());
    }

    @Test
    void structuredOutputWithoutAMethodUsesFunctionCallingOnEveryModel() {
        ConfigurableChatModel model = ConfigurableChatModel.of(new CountingSource(), Map.of(), null, null);

        StructuredChatModel<Map<String, Object>> structured = model.withStructuredOutput(
                Map.of("title", "city", "type", "object", "properties", Map.of("name", Map.of("type", "string"))), null);

        Bindings bindings = selected((ConfigurableChatModel) structured.model(), configurable("model", "fake-a")).bindings();
        assertEquals("city", bindings.tools().get(0).name());
        assertEquals(ToolChoice.tool("city"), bindings.toolChoice());
        assertEquals(null, bindings.responseFormat());
    }

    @Test
    void withConfigChoosesTheModelLikeCreationOptions() {
        CountingSource source = new CountingSource();
        ConfigurableChatModel model = ConfigurableChatModel.of(source, Map.of(), null, "first")
                .withConfig(configurable("first_model", "fake-c").withConfigurable("thread", "t-1").withTags("x"));

        assertEquals("fake-c", answeredBy(model, RunConfig.EMPTY));
        assertEquals("fake-c", model.modelName());
        assertEquals(1, source.made.get());
    }

    @Test
    void apiKeyAndBaseUrlAreConfigurableOnlyWhenListedOrAny() {
        CountingSource source = new CountingSource();
        RunConfig hostile = configurable("model", "fake-a").withConfigurable("api_key", "sk-stolen")
                .withConfigurable("base_url", "http://evil.example");

        ConfigurableChatModel.of(source, Map.of("api_key", "sk-mine"), null, null).selectedModel(hostile);
        ConfigurableChatModel.of(source, Map.of("api_key", "sk-mine"),
                ConfigurableFields.of(List.of("model", "api_key")), null).selectedModel(hostile);

        assertEquals(Map.of("api_key", "sk-mine", "model", "fake-a"), source.options.get(0));
        assertEquals(Map.of("api_key", "sk-stolen", "model", "fake-a"), source.options.get(1));
    }

    @Test
    void anyLogsOneWarningWithoutValuesAtCreation() {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ConfigurableChatModel.class.getName());
        logger.addHandler(handler);
        try {
            ConfigurableChatModel model = ConfigurableChatModel.of(new CountingSource(), Map.of("api_key", "sk-mine"),
                    ConfigurableFields.ANY, null);
            model.bindTools(List.of()).withConfig(RunConfig.named("x"))
                    .invokeAsync(List.of(HumanMessage.of("hi")), configurable("model", "fake-a").withConfigurable("seed", 1))
                    .await().atMost(Duration.ofSeconds(5));
            ConfigurableChatModel.of(new CountingSource(), Map.of(), null, null);
        } finally {
            logger.removeHandler(handler);
        }

        assertEquals(1, records.size());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().contains("api_key and base_url"), records.get(0).getMessage());
        assertFalse(records.get(0).getMessage().contains("sk-mine"));
    }

    @Test
    void nothingConfigurableOrNoPossibleModelIsRefusedAtCreation() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ConfigurableChatModel.of(new CountingSource(), Map.of("model", "fake-a"), null, "first"));
        assertTrue(none.getMessage().contains("set configurable_fields"), none.getMessage());
        IllegalArgumentException noModel = assertThrows(IllegalArgumentException.class,
                () -> ConfigurableChatModel.of(new CountingSource(), Map.of(), ConfigurableFields.of(List.of("temperature")),
                        null));
        assertTrue(noModel.getMessage().contains("add model to configurable_fields"), noModel.getMessage());
    }

    @Test
    void streamsTheSelectedModel() {
        ConfigurableChatModel model = ConfigurableChatModel.of(options -> HttpChatModel.builder(FakeChatCodec.PROVIDER)
                .transport(FakeChatTransport.streaming(call -> io.smallrye.mutiny.Multi.createFrom()
                        .iterable(FakeChatCodec.events(String.valueOf(options.get("model")), 3, "Hel", "lo"))))
                .settings(ModelSettings.of(String.valueOf(options.get("model")))).build(), Map.of(), null, null);

        List<AIMessageChunk> chunks = model.stream(List.of(HumanMessage.of("hi")), configurable("model", "fake-s"))
                .collect().asList().await().atMost(Duration.ofSeconds(5));

        AIMessage answer = AIMessageChunk.sum(chunks).toMessage();
        assertEquals("Hello", answer.text());
        assertEquals("fake-s", answer.responseMetadata().get(ResponseMetadata.MODEL_NAME));
        assertNotSame(model.selectedModel(configurable("model", "fake-s")), model.selectedModel(configurable("model", "x")));
    }

    @Test
    void aModelNeededOnAThreadThatMustNotBlockIsMadeOnAWorker() throws Exception {
        List<Thread> makers = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountingSource counting = new CountingSource();
        ConfigurableChatModel model = ConfigurableChatModel.of(options -> {
            makers.add(Thread.currentThread());
            return counting.create(options);
        }, Map.of(), null, null);
        Thread caller = Thread.currentThread();
        Infrastructure.setCanCallerThreadBeBlockedSupplier(() -> Thread.currentThread() != caller);
        CompletableFuture<AIMessage> answer;
        try {
            answer = model.invokeAsync(List.of(HumanMessage.of("hi")), configurable("model", "fake-a"))
                    .subscribeAsCompletionStage().toCompletableFuture();
        } finally {
            Infrastructure.resetCanCallerThreadBeBlockedSupplier();
        }

        assertEquals("fake-a", answer.get(5, TimeUnit.SECONDS).responseMetadata().get(ResponseMetadata.MODEL_NAME));
        assertEquals(1, makers.size());
        assertNotSame(Thread.currentThread(), makers.get(0));
    }
}
