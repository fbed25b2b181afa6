package dev.chatmodels.quarkus.runtime;

import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.chatmodels.provider.ModelReference;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.ProviderRegistry;

/**
 * A model's provider and provider model name, resolved from the {@code model} and {@code provider} settings. Every
 * failure is an {@link IllegalArgumentException} whose message names the setting to fix and never holds a key.
 */
public record ResolvedModel(ModelReference reference, ProviderDescriptor provider) {

    /**
     * Resolves {@code model} ({@code provider:model} or a bare name) and the optional explicit {@code provider}.
     *
     * @throws IllegalArgumentException when the model is missing, its provider cannot be told, or the provider is not
     *         supported
     */
    public static ResolvedModel resolve(ModelSettingNames names, Optional<String> model, Optional<String> provider) {
        String value = model.filter(m -> !m.isBlank()).orElseThrow(
                () -> new IllegalArgumentException("set " + names.model() + "=provider:model (e.g. openai:gpt-4.1)"));
        Optional<String> explicitProvider = provider.filter(p -> !p.isBlank());
        ModelReference reference;
        try {
            reference = ModelReference.parse(value, explicitProvider.orElse(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("set " + names.model() + "=provider:model or " + names.provider()
                    + ": the provider of model '" + value.trim() + "' is unknown; supported providers: "
                    + String.join(", ", ProviderRegistry.names()));
        }
        try {
            return new ResolvedModel(reference, ProviderRegistry.require(reference.provider()));
        } catch (IllegalArgumentException e) {
            boolean fromModel = value.trim().toLowerCase(Locale.ROOT).startsWith(reference.provider() + ":")
                    || explicitProvider.isEmpty();
            String setting = fromModel ? names.model() + "=" + value.trim() : names.provider() + "=" + explicitProvider.get();
            throw new IllegalArgumentException(setting + ": " + Character.toLowerCase(e.getMessage().charAt(0))
                    + e.getMessage().substring(1));
        }
    }

    /**
     * The API key to send: the configured one, else the provider's environment variable (read through MicroProfile
     * Config, so a {@code .env} file or a system property of that name works too).
     *
     * @throws IllegalArgumentException when the provider requires a key and there is none
     */
    public Optional<String> apiKey(ModelSettingNames names, Optional<String> configured) {
        Optional<String> key = configured
                .or(() -> ConfigProvider.getConfig().getOptionalValue(provider.apiKeyEnvVar(), String.class))
                .filter(k -> !k.isBlank());
        if (key.isEmpty() && provider.apiKeyRequired()) {
            throw new IllegalArgumentException("set " + names.apiKey() + " or the " + provider.apiKeyEnvVar()
                    + " environment variable: " + provider.name() + " needs an API key");
        }
        return key;
    }
}
