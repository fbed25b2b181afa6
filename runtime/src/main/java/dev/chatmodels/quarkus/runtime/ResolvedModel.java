package dev.chatmodels.quarkus.runtime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.chatmodels.provider.CredentialSettings;
import dev.chatmodels.provider.MissingCredentialsException;
import dev.chatmodels.provider.ModelCredentials;
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

    /** This model as served at the configured base URL, which may choose the provider's wire format (Ollama's /v1). */
    public ResolvedModel atBaseUrl(Optional<String> baseUrl) {
        return new ResolvedModel(reference, ProviderRegistry.atBaseUrl(provider, baseUrl));
    }

    /** The variables a model's region is read from when none is configured, first found wins. */
    static final List<String> REGION_ENV_VARS = List.of("AWS_REGION", "AWS_DEFAULT_REGION");

    /**
     * The region: the configured one, else the first of {@link #REGION_ENV_VARS} that is set (read through MicroProfile
     * Config, so a {@code .env} file or a system property of that name works too).
     */
    public static Optional<String> region(Optional<String> configured) {
        return configured.filter(r -> !r.isBlank()).map(String::trim).or(() -> firstSet(REGION_ENV_VARS));
    }

    /**
     * The credentials of the model: made by the provider's authentication of the API key (the configured one, else the
     * first of the provider's key variables that is set) and the region.
     *
     * @throws IllegalArgumentException naming the property or variable to set when the provider lacks one
     */
    public ModelCredentials credentials(ModelSettingNames names, Optional<String> configuredKey, Optional<String> region) {
        Optional<String> key = configuredKey.filter(k -> !k.isBlank()).or(() -> firstSet(provider.apiKeyEnvVars()));
        try {
            return provider.authentication().credentials(new CredentialSettings(key.orElse(null), region.orElse(null),
                    name -> firstSet(List.of(name))));
        } catch (MissingCredentialsException e) {
            throw new IllegalArgumentException(missing(names, e.setting()) + ": " + provider.name() + " "
                    + e.getMessage(), e);
        }
    }

    /** Where the user gives a setting: the property or option, or the environment variables it defaults to. */
    String missing(ModelSettingNames names, MissingCredentialsException.Setting setting) {
        return switch (setting) {
            case API_KEY -> "set " + names.apiKey() + (provider.apiKeyEnvVars().isEmpty() ? ""
                    : " or the " + String.join(" or ", provider.apiKeyEnvVars()) + " environment variable");
            case REGION -> "set " + names.region() + " or the " + String.join(" or ", REGION_ENV_VARS)
                    + " environment variable";
        };
    }

    private static Optional<String> firstSet(List<String> names) {
        Config config = ConfigProvider.getConfig();
        return names.stream().flatMap(name -> config.getOptionalValue(name, String.class).stream())
                .filter(value -> !value.isBlank()).findFirst();
    }
}
