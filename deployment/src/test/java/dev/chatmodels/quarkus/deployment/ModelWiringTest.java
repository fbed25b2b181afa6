package dev.chatmodels.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.FallbackChatModel;
import dev.chatmodels.model.HttpChatModel;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.profile.ModelProfile;
import dev.chatmodels.profile.ModelProfiles;
import dev.chatmodels.profile.ProfileField;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.quarkus.runtime.ModelName;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/** Default and named models injected from configuration, and the {@link ChatModels} bean. No HTTP call is made. */
class ModelWiringTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Consumer.class))
            .overrideConfigKey("quarkus.chat-models.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.api-key", "sk-test-default")
            .overrideConfigKey("quarkus.chat-models.temperature", "0.3")
            .overrideConfigKey("quarkus.chat-models.stop", "END,STOP")
            .overrideConfigKey("quarkus.chat-models.profile.max-input-tokens", "64000")
            .overrideConfigKey("quarkus.chat-models.profile.input_cost", "0.5")
            .overrideConfigKey("quarkus.chat-models.fast.model", "claude-haiku-4-5")
            .overrideConfigKey("quarkus.chat-models.fast.max-tokens", "256")
            // the provider's usual variable, read through MicroProfile Config like an environment variable
            .overrideConfigKey("ANTHROPIC_API_KEY", "sk-ant-test")
            .overrideConfigKey("quarkus.chat-models.\"local.llama\".model", "llama3.2")
            .overrideConfigKey("quarkus.chat-models.\"local.llama\".provider", "ollama")
            .overrideConfigKey("quarkus.chat-models.\"local.llama\".params.top_p", "0.9")
            .overrideConfigKey("quarkus.chat-models.\"local.llama\".params.seed", "42")
            .overrideConfigKey("quarkus.chat-models.\"local.llama\".params.user", "team-a")
            .overrideConfigKey("quarkus.chat-models.\"local.llama\".params.response_format", "{\"type\":\"json_object\"}")
            .overrideConfigKey("quarkus.chat-models.rate-limiters.shared.requests-per-second", "2")
            // only in the run-time configuration: no bean, but ChatModels knows it
            .overrideRuntimeConfigKey("quarkus.chat-models.late.model", "openai:gpt-4.1")
            .overrideRuntimeConfigKey("quarkus.chat-models.late.api-key", "sk-test-late");

    @Singleton
    static class Consumer {
        @Inject
        ChatModel defaultModel;

        @Inject
        @ModelName("fast")
        ChatModel fast;
    }

    @Inject
    Consumer consumer;

    @Inject
    ChatModels models;

    @Test
    void injectsTheDefaultModel() {
        assertEquals("openai", consumer.defaultModel.provider());
        assertEquals("gpt-4.1-mini", consumer.defaultModel.modelName());
        ModelSettings settings = httpModel("default").settings();
        assertEquals(0.3, settings.temperature());
        assertEquals(List.of("END", "STOP"), settings.stop());
        assertNull(settings.maxTokens());
    }

    @Test
    void profileOverridesInConfigurationAndInitOptionsApplyOverTheCatalog() {
        ModelProfile profile = consumer.defaultModel.profile();
        assertEquals(64_000, profile.maxInputTokens().getAsInt());
        assertEquals(0.5, profile.inputCost().getAsDouble());
        // the rest is the catalog's
        assertEquals(Optional.of("GPT-4.1 mini"), profile.name());
        assertEquals(1.6, profile.outputCost().getAsDouble());
        assertEquals(ModelProfiles.find("openai", "gpt-4.1-mini").maxOutputTokens(), profile.maxOutputTokens());
        // a model the catalog lacks has an empty profile, not an error
        assertTrue(consumer.fast.profile().isEmpty());

        ChatModel initialised = models.init("openai:gpt-4.1-mini",
                Map.of("api_key", "sk-test", "profile", Map.of("pdf_inputs", false, "max_output_tokens", 100)));
        assertTrue(initialised.profile().refuses(ProfileField.PDF_INPUTS));
        assertEquals(100, initialised.profile().maxOutputTokens().getAsInt());
        assertEquals(1_047_576, initialised.profile().maxInputTokens().getAsInt());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> models.init("openai:gpt-4.1-mini", Map.of("api_key", "sk-test", "profile", Map.of("vision", true))));
        assertTrue(bad.getMessage().contains("profile.vision=true: Unknown profile field 'vision'; the fields are "),
                bad.getMessage());
    }

    @Test
    void injectsNamedModelsWithTheProviderInferredFromTheModelName() {
        assertEquals("anthropic", consumer.fast.provider());
        assertEquals("claude-haiku-4-5", consumer.fast.modelName());
        assertEquals(256, httpModel("fast").settings().maxTokens());
    }

    @Test
    void getGivesOneInstancePerName() {
        assertSame(models.get("default"), models.get("<default>"));
        assertSame(models.get("fast"), models.get("fast"));
        assertEquals("fast", httpModel("fast").configuredName());
        assertEquals("<default>", httpModel("default").configuredName());
    }

    @Test
    void namesListsEveryModelOfTheRuntimeConfiguration() {
        assertEquals(List.of("default", "fast", "late", "local.llama"), List.copyOf(models.names()));
        assertEquals("gpt-4.1", models.get("late").modelName());
    }

    @Test
    void configuredModelsCanBeLookedUpProgrammatically() {
        ChatModel local = Arc.container().select(ChatModel.class, ModelName.Literal.of("local.llama")).get();
        assertEquals("ollama", local.provider());
        assertEquals("llama3.2", local.modelName());
    }

    @Test
    void paramsAreTypedWhenTheyLookLikeJsonValues() {
        Map<String, Object> kwargs = httpModel("local.llama").settings().kwargs();
        assertEquals(0.9, kwargs.get("top_p"));
        assertEquals(42, kwargs.get("seed"));
        assertEquals("team-a", kwargs.get("user"));
        assertEquals(Map.of("type", "json_object"), kwargs.get("response_format"));
    }

    @Test
    void anUnknownNameNamesThePropertyToSet() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> models.get("nope"));
        assertTrue(error.getMessage().contains("set quarkus.chat-models.\"nope\".model=provider:model"),
                error.getMessage());
    }

    @Test
    void initCreatesAModelFromAReferenceAndOptions() {
        HttpChatModel model = (HttpChatModel) models.init("anthropic:claude-sonnet-4-5",
                Map.of("temperature", 0.7, "max_tokens", 1000, "api_key", "sk-ant-inline", "top_k", 5,
                        "timeout", 30, "stop", List.of("Human:")));
        assertEquals("anthropic", model.provider());
        assertEquals("claude-sonnet-4-5", model.modelName());
        assertEquals(0.7, model.settings().temperature());
        assertEquals(1000, model.settings().maxTokens());
        assertEquals(List.of("Human:"), model.settings().stop());
        assertEquals(Map.of("top_k", 5), model.settings().kwargs());
        assertNull(model.configuredName());
    }

    @Test
    void initInfersTheProviderAndTakesTheKeyFromItsVariable() {
        ChatModel model = models.init("claude-haiku-4-5");
        assertEquals("anthropic", model.provider());
        ChatModel local = models.init("llama3.2", Map.of("model_provider", "ollama", "base_url", "http://127.0.0.1:1/v1"));
        assertEquals("ollama", local.provider());
    }

    @Test
    void initFallsBackOnConfiguredModels() {
        FallbackChatModel model = (FallbackChatModel) models.init("ollama:llama3.2", Map.of("fallbacks", "fast,default"));
        List<ChatModel> chain = model.models();
        assertEquals("ollama", chain.get(0).provider());
        assertSame(httpModel("fast"), chain.get(1));
        assertSame(httpModel("default"), chain.get(2));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> models.init("ollama:llama3.2", Map.of("fallbacks", "nope")));
        assertTrue(unknown.getMessage().contains("set quarkus.chat-models.\"nope\".model"), unknown.getMessage());
    }

    @Test
    void initErrorsNameTheOption() {
        IllegalArgumentException noProvider = assertThrows(IllegalArgumentException.class,
                () -> models.init("mystery-model"));
        assertTrue(noProvider.getMessage().contains("set model=provider:model or model_provider"),
                noProvider.getMessage());
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> models.init("deepseek:deepseek-chat", Map.of("base_url", "http://127.0.0.1:1")));
        assertTrue(noKey.getMessage().contains("set api_key or the DEEPSEEK_API_KEY environment variable"),
                noKey.getMessage());
        IllegalArgumentException badProxy = assertThrows(IllegalArgumentException.class,
                () -> models.init("ollama:llama3.2", Map.of("proxy", "not a proxy")));
        assertTrue(badProxy.getMessage().startsWith("proxy is not a proxy address"), badProxy.getMessage());
    }

    private HttpChatModel httpModel(String name) {
        return (HttpChatModel) models.get(name);
    }
}
