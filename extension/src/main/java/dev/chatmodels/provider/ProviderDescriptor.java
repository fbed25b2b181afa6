package dev.chatmodels.provider;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.chatmodels.transport.StreamFraming;

/**
 * What makes an HTTP provider: its names, default base URL, where its key is found by default, how requests are
 * authenticated, fixed headers, the model-name prefixes it owns, how it streams, what it can do, and its codec.
 *
 * @param name the name users write ({@code openai}, {@code google}...)
 * @param aliases other names that mean this provider ({@code gemini} for {@code google})
 * @param defaultBaseUrl the public endpoint; may contain {@code {region}}, replaced by the model's region
 * @param apiKeyEnvVars the variables the key is read from when none is configured, first found wins
 * @param authentication the request authentication made of a model's resolved settings
 * @param defaultHeaders headers of every request
 * @param modelPrefixes the starts of the bare model names that belong to this provider
 * @param framing how a streamed answer is framed
 * @param capabilities what the API can do
 * @param codec a new codec
 */
public record ProviderDescriptor(String name, List<String> aliases, String defaultBaseUrl, List<String> apiKeyEnvVars,
        ProviderAuthentication authentication, Map<String, String> defaultHeaders, List<String> modelPrefixes,
        StreamFraming framing, ProviderCapabilities capabilities, Supplier<ChatCodec> codec) {

    /** The placeholder of a base URL that the model's region replaces. */
    public static final String REGION_PLACEHOLDER = "{region}";

    public ProviderDescriptor {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        apiKeyEnvVars = List.copyOf(apiKeyEnvVars);
        Objects.requireNonNull(authentication, "authentication");
        defaultHeaders = Map.copyOf(defaultHeaders);
        modelPrefixes = List.copyOf(modelPrefixes);
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(codec, "codec");
    }

    /** A descriptor to fill in: the defaults are those of an OpenAI-compatible API with a required bearer key. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Whether users may call this provider {@code name}: its name or an alias. */
    public boolean answersTo(String name) {
        return this.name.equals(name) || aliases.contains(name);
    }

    /** Builds a {@link ProviderDescriptor}. */
    public static final class Builder {
        private final String name;
        private List<String> aliases = List.of();
        private String defaultBaseUrl;
        private List<String> apiKeyEnvVars = List.of();
        private ProviderAuthentication authentication = ProviderAuthentication.bearerKey(true);
        private Map<String, String> defaultHeaders = Map.of();
        private List<String> modelPrefixes = List.of();
        private StreamFraming framing = StreamFraming.SSE;
        private ProviderCapabilities capabilities = ProviderCapabilities.OPENAI_COMPATIBLE;
        private Supplier<ChatCodec> codec;

        private Builder(String name) {
            this.name = name;
        }

        public Builder aliases(String... names) {
            this.aliases = List.of(names);
            return this;
        }

        public Builder defaultBaseUrl(String url) {
            this.defaultBaseUrl = url;
            return this;
        }

        public Builder apiKeyEnvVars(String... names) {
            this.apiKeyEnvVars = List.of(names);
            return this;
        }

        public Builder authentication(ProviderAuthentication authentication) {
            this.authentication = authentication;
            return this;
        }

        public Builder defaultHeaders(Map<String, String> headers) {
            this.defaultHeaders = headers;
            return this;
        }

        public Builder modelPrefixes(String... prefixes) {
            this.modelPrefixes = List.of(prefixes);
            return this;
        }

        public Builder framing(StreamFraming framing) {
            this.framing = framing;
            return this;
        }

        public Builder capabilities(ProviderCapabilities capabilities) {
            this.capabilities = capabilities;
            return this;
        }

        public Builder codec(Supplier<ChatCodec> codec) {
            this.codec = codec;
            return this;
        }

        public ProviderDescriptor build() {
            return new ProviderDescriptor(name, aliases, Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl"),
                    apiKeyEnvVars, authentication, defaultHeaders, modelPrefixes, framing, capabilities, codec);
        }
    }
}
