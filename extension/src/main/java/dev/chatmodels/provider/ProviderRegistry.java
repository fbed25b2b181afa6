package dev.chatmodels.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.chatmodels.provider.anthropic.AnthropicCodec;
import dev.chatmodels.provider.google.GeminiCodec;
import dev.chatmodels.provider.openai.OpenAiChatCodec;
import dev.chatmodels.transport.StreamFormat;

/**
 * The built-in providers. OpenAI-compatible services (DeepSeek, Groq, xAI, Mistral, OpenRouter, a local Ollama) share
 * the OpenAI Chat Completions codec with their own base URL and key variable.
 */
public final class ProviderRegistry {

    /** Providers whose model names are recognised but whose wire format this version does not speak yet. */
    private static final Set<String> RECOGNISED_ONLY = Set.of("bedrock", "cohere");

    private static final Map<String, ProviderDescriptor> PROVIDERS = new LinkedHashMap<>();

    static {
        add(new ProviderDescriptor("openai", "https://api.openai.com/v1", "OPENAI_API_KEY", "Authorization", true, Map.of(),
                List.of("gpt-", "o1", "o3", "o4", "chatgpt-"), StreamFormat.SSE, OpenAiChatCodec::new));
        add(new ProviderDescriptor("anthropic", "https://api.anthropic.com/v1", "ANTHROPIC_API_KEY", "x-api-key", true,
                Map.of("anthropic-version", "2023-06-01"), List.of("claude"), StreamFormat.SSE, AnthropicCodec::new));
        add(new ProviderDescriptor("google", "https://generativelanguage.googleapis.com/v1beta", "GOOGLE_API_KEY",
                "x-goog-api-key", true, Map.of(), List.of("gemini"), StreamFormat.SSE, GeminiCodec::new));
        add(openAiCompatible("deepseek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", "deepseek"));
        add(openAiCompatible("xai", "https://api.x.ai/v1", "XAI_API_KEY", "grok"));
        add(openAiCompatible("mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY", "mistral"));
        add(openAiCompatible("groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY", null));
        add(openAiCompatible("openrouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", null));
        add(new ProviderDescriptor("ollama", "http://localhost:11434/v1", "OLLAMA_API_KEY", "Authorization", false, Map.of(),
                List.of(), StreamFormat.SSE, () -> new OpenAiChatCodec("ollama")));
    }

    private ProviderRegistry() {
    }

    private static ProviderDescriptor openAiCompatible(String name, String baseUrl, String envVar, String prefix) {
        return new ProviderDescriptor(name, baseUrl, envVar, "Authorization", true, Map.of(),
                prefix == null ? List.of() : List.of(prefix), StreamFormat.SSE, () -> new OpenAiChatCodec(name));
    }

    private static void add(ProviderDescriptor descriptor) {
        PROVIDERS.put(descriptor.name(), descriptor);
    }

    /** The provider called {@code name}. */
    public static Optional<ProviderDescriptor> find(String name) {
        return Optional.ofNullable(PROVIDERS.get(name));
    }

    /**
     * The provider called {@code name}, or an exception that says which providers exist.
     *
     * @throws IllegalArgumentException for an unknown or unsupported provider
     */
    public static ProviderDescriptor require(String name) {
        ProviderDescriptor descriptor = PROVIDERS.get(name);
        if (descriptor != null) {
            return descriptor;
        }
        if (RECOGNISED_ONLY.contains(name)) {
            throw new IllegalArgumentException("Provider '" + name + "' is not supported yet; supported providers: "
                    + String.join(", ", PROVIDERS.keySet()));
        }
        throw new IllegalArgumentException(
                "Unknown provider '" + name + "'; supported providers: " + String.join(", ", PROVIDERS.keySet()));
    }

    /** The provider a bare model name belongs to, by its prefix. */
    public static Optional<String> inferProvider(String modelName) {
        if (modelName.startsWith("amazon.") || modelName.startsWith("anthropic.")) {
            return Optional.of("bedrock");
        }
        if (modelName.startsWith("command")) {
            return Optional.of("cohere");
        }
        return PROVIDERS.values().stream().filter(p -> p.owns(modelName)).map(ProviderDescriptor::name).findFirst();
    }

    static boolean isKnown(String name) {
        return PROVIDERS.containsKey(name) || RECOGNISED_ONLY.contains(name);
    }

    /** The names of the supported providers. */
    public static List<String> names() {
        return new ArrayList<>(PROVIDERS.keySet());
    }
}
