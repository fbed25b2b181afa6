package dev.chatmodels.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Provider names, aliases and model-name prefixes come from the descriptors. */
class ProviderRegistryTest {

    @ParameterizedTest
    @CsvSource({ "gpt-4.1, openai", "o3-mini, openai", "claude-sonnet-4-5, anthropic", "deepseek-chat, deepseek",
            "grok-4, xai", "mistral-large-latest, mistral", "gemini-2.5-flash, google",
            "anthropic.claude-3-5-haiku-20241022-v1:0, bedrock", "amazon.nova-lite-v1:0, bedrock",
            "meta.llama3-70b-instruct-v1:0, bedrock", "mistral.mistral-large-2402-v1:0, bedrock",
            "cohere.command-r-v1:0, bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0, bedrock",
            "eu.amazon.nova-pro-v1:0, bedrock", "apac.anthropic.claude-sonnet-4-20250514-v1:0, bedrock",
            "global.anthropic.claude-sonnet-4-5-20250929-v1:0, bedrock", "command-r-plus, cohere" })
    void aBareModelNameBelongsToTheProviderWithTheLongestPrefixOfIt(String model, String provider) {
        assertEquals(Optional.of(provider), ProviderRegistry.inferProvider(model));
        assertEquals(new ModelReference(provider, model), ModelReference.parse(model, null));
    }

    @ParameterizedTest
    @CsvSource({ "gemini:gemini-2.5-flash, google", "google_genai:gemini-2.5-flash, google",
            "google:gemini-2.5-flash, google", "bedrock_converse:amazon.nova-lite-v1:0, bedrock",
            "bedrock:amazon.nova-lite-v1:0, bedrock", "mistralai:mistral-large-latest, mistral" })
    void anAliasNamesTheProviderByItsName(String model, String provider) {
        ModelReference reference = ModelReference.parse(model, null);

        assertEquals(provider, reference.provider());
        assertEquals(model.substring(model.indexOf(':') + 1), reference.modelName());
    }

    @ParameterizedTest
    @ValueSource(strings = { "cohere" })
    void providersWithoutACodecAreRecognisedButNotSupportedYet(String name) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ProviderRegistry.require(name));

        assertTrue(error.getMessage().startsWith("Provider '" + name + "' is not supported yet; supported providers: "
                + String.join(", ", ProviderRegistry.names())), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "anthropic", "google", "deepseek", "xai", "mistral", "groq", "openrouter",
            "ollama", "huggingface" })
    void everySupportedProviderIsFoundByItsName(String name) {
        assertEquals(name, ProviderRegistry.require(name).name());
    }

    @ParameterizedTest
    @ValueSource(strings = { "google", "gemini", "google_genai" })
    void geminiAnswersToItsAliasesAndReadsGoogleThenGeminiKeys(String name) {
        ProviderDescriptor google = ProviderRegistry.require(name);

        assertEquals("google", google.name());
        assertEquals("https://generativelanguage.googleapis.com/v1beta", google.defaultBaseUrl());
        assertEquals(java.util.List.of("GOOGLE_API_KEY", "GEMINI_API_KEY"), google.apiKeyEnvVars());
        assertEquals(new ProviderCapabilities(true, true, true, true), google.capabilities());
    }

    @ParameterizedTest
    @CsvSource({ "huggingface:meta-llama/Llama-3.3-70B-Instruct, meta-llama/Llama-3.3-70B-Instruct",
            "huggingface:meta-llama/Llama-3.3-70B-Instruct:novita, meta-llama/Llama-3.3-70B-Instruct:novita",
            "HuggingFace:deepseek-ai/DeepSeek-R1:fastest, deepseek-ai/DeepSeek-R1:fastest" })
    void huggingFaceModelIdsKeepTheirSlashesAndInferenceProviderSuffix(String model, String modelName) {
        assertEquals(new ModelReference("huggingface", modelName), ModelReference.parse(model, null));
    }

    @Test
    void huggingFaceReadsHfTokenThenTheHubVariableAndSpeaksChatCompletions() {
        ProviderDescriptor huggingFace = ProviderRegistry.require("huggingface");

        assertEquals("https://router.huggingface.co/v1", huggingFace.defaultBaseUrl());
        assertEquals(java.util.List.of("HF_TOKEN", "HUGGINGFACEHUB_API_TOKEN"), huggingFace.apiKeyEnvVars());
        assertEquals(ProviderCapabilities.OPENAI_COMPATIBLE, huggingFace.capabilities());
        assertEquals("/chat/completions", huggingFace.codec().get().path(null, false));
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "anthropic", "google_genai", "bedrock_converse", "huggingface", "ollama",
            "mistralai", "deepseek", "xai", "groq" })
    void theReferencesProviderNamesAreAccepted(String name) {
        assertTrue(ProviderRegistry.find(name).isPresent(), name);
    }

    @Test
    void anUnknownProviderListsTheSupportedOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProviderRegistry.require("nosuchprovider"));

        assertEquals("Unknown provider 'nosuchprovider'; supported providers: "
                + String.join(", ", ProviderRegistry.names()), error.getMessage());
        assertTrue(ProviderRegistry.names().containsAll(java.util.List.of("huggingface", "mistral", "ollama")));
    }

    @Test
    void anExplicitProviderMayBeAnAlias() {
        assertEquals(new ModelReference("google", "my-tuned-model"), ModelReference.parse("my-tuned-model", "gemini"));
    }
}
