package dev.chatmodels.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.chatmodels.provider.anthropic.AnthropicCodec;
import dev.chatmodels.provider.bedrock.BedrockCodec;
import dev.chatmodels.provider.google.GeminiCodec;
import dev.chatmodels.provider.ollama.OllamaCodec;
import dev.chatmodels.provider.openai.OpenAiChatCodec;

/**
 * The built-in providers. OpenAI-compatible services (DeepSeek, Groq, xAI, Mistral, OpenRouter, Hugging Face, Ollama
 * at /v1) share
 * the OpenAI Chat Completions codec with their own base URL and key variable.
 */
public final class ProviderRegistry {

    private static final Map<String, ProviderDescriptor> PROVIDERS = new LinkedHashMap<>();

    /**
     * Providers whose names and model names are recognised but whose wire format this version does not speak yet: a
     * descriptor {@link #add added} for the same name replaces its entry here.
     */
    private static final List<RecognisedProvider> RECOGNISED_ONLY = List.of(
            new RecognisedProvider("cohere", List.of(), List.of("command")));

    static {
        add(OpenAiChatCodec.DESCRIPTOR);
        add(AnthropicCodec.DESCRIPTOR);
        add(BedrockCodec.DESCRIPTOR);
        add(GeminiCodec.DESCRIPTOR);
        add(OpenAiChatCodec.compatible("deepseek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", "deepseek"));
        add(OpenAiChatCodec.compatible("xai", "https://api.x.ai/v1", "XAI_API_KEY", "grok"));
        add(OpenAiChatCodec.compatibleBuilder("mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY")
                .aliases("mistralai").modelPrefixes("mistral").build());
        add(OpenAiChatCodec.compatible("groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY"));
        add(OpenAiChatCodec.compatible("openrouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"));
        // model ids are repository names, with an optional ":<inference provider>" suffix
        add(OpenAiChatCodec.compatibleBuilder("huggingface", "https://router.huggingface.co/v1", "HF_TOKEN")
                .apiKeyEnvVars("HF_TOKEN", "HUGGINGFACEHUB_API_TOKEN").build());
        add(OllamaCodec.DESCRIPTOR);
    }

    /** Ollama at a base URL ending in {@code /v1}: its OpenAI-compatible endpoint. */
    private static final ProviderDescriptor OLLAMA_OPENAI_COMPATIBLE = OpenAiChatCodec
            .compatibleBuilder(OllamaCodec.DESCRIPTOR.name(), "http://localhost:11434/v1", "OLLAMA_API_KEY")
            .authentication(ProviderAuthentication.bearerKey(false)).build();

    private ProviderRegistry() {
    }

    private static void add(ProviderDescriptor descriptor) {
        PROVIDERS.put(descriptor.name(), descriptor);
    }

    /**
     * The descriptor of {@code provider} that speaks to {@code baseUrl}: itself, except Ollama at a base URL ending in
     * {@code /v1}, its OpenAI-compatible endpoint, which configurations written before the native API keep using.
     */
    public static ProviderDescriptor atBaseUrl(ProviderDescriptor provider, Optional<String> baseUrl) {
        boolean openAiCompatibleOllama = provider == OllamaCodec.DESCRIPTOR
                && baseUrl.filter(url -> !url.isBlank() && OllamaCodec.isOpenAiCompatible(url)).isPresent();
        return openAiCompatibleOllama ? OLLAMA_OPENAI_COMPATIBLE : provider;
    }

    /** The provider called {@code name} or one of its aliases. */
    public static Optional<ProviderDescriptor> find(String name) {
        return PROVIDERS.values().stream().filter(p -> p.answersTo(name)).findFirst();
    }

    /**
     * The provider called {@code name} or one of its aliases, or an exception that says which providers exist.
     *
     * @throws IllegalArgumentException for an unknown or unsupported provider
     */
    public static ProviderDescriptor require(String name) {
        Optional<ProviderDescriptor> descriptor = find(name);
        if (descriptor.isPresent()) {
            return descriptor.get();
        }
        if (recognisedOnly().anyMatch(p -> p.answersTo(name))) {
            throw new IllegalArgumentException("Provider '" + name + "' is not supported yet; supported providers: "
                    + String.join(", ", PROVIDERS.keySet()));
        }
        throw new IllegalArgumentException(
                "Unknown provider '" + name + "'; supported providers: " + String.join(", ", PROVIDERS.keySet()));
    }

    /**
     * The provider a bare model name belongs to: the one with the longest prefix of it, so Bedrock's {@code mistral.}
     * wins over Mistral's {@code mistral}.
     */
    public static Optional<String> inferProvider(String modelName) {
        String best = null;
        int bestLength = 0;
        for (ProviderDescriptor provider : PROVIDERS.values()) {
            int length = longestPrefix(provider.modelPrefixes(), modelName);
            if (length > bestLength) {
                best = provider.name();
                bestLength = length;
            }
        }
        for (RecognisedProvider provider : (Iterable<RecognisedProvider>) recognisedOnly()::iterator) {
            int length = longestPrefix(provider.modelPrefixes(), modelName);
            if (length > bestLength) {
                best = provider.name();
                bestLength = length;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int longestPrefix(List<String> prefixes, String modelName) {
        return prefixes.stream().filter(modelName::startsWith).mapToInt(String::length).max().orElse(0);
    }

    /** The provider's own name for {@code name}, which may be an alias; an unknown name as it is. */
    static String canonicalName(String name) {
        return find(name).map(ProviderDescriptor::name).or(
                () -> recognisedOnly().filter(p -> p.answersTo(name)).map(RecognisedProvider::name).findFirst())
                .orElse(name);
    }

    static boolean isKnown(String name) {
        return find(name).isPresent() || recognisedOnly().anyMatch(p -> p.answersTo(name));
    }

    /** The names of the supported providers. */
    public static List<String> names() {
        return new ArrayList<>(PROVIDERS.keySet());
    }

    private static Stream<RecognisedProvider> recognisedOnly() {
        return RECOGNISED_ONLY.stream().filter(p -> !PROVIDERS.containsKey(p.name()));
    }

    /** The names of a provider without a descriptor yet. */
    private record RecognisedProvider(String name, List<String> aliases, List<String> modelPrefixes) {

        boolean answersTo(String name) {
            return this.name.equals(name) || aliases.contains(name);
        }
    }
}
