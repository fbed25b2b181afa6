package dev.chatmodels.provider;

import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of one model that its {@link ProviderAuthentication} may use.
 *
 * @param apiKey the configured key, else the first of the provider's key variables that is set; {@code null} when none
 * @param region the configured region, else the environment's ({@code AWS_REGION}, {@code AWS_DEFAULT_REGION});
 *        {@code null} when none
 * @param variables reads another variable the way the application's configuration sees it (environment, system
 *        property, {@code .env}), e.g. {@code AWS_ACCESS_KEY_ID}; empty when it is not set
 */
public record CredentialSettings(String apiKey, String region, Function<String, Optional<String>> variables) {

    public CredentialSettings {
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        region = region == null || region.isBlank() ? null : region;
        variables = variables == null ? name -> Optional.empty() : variables;
    }

    /** Settings without other variables. */
    public CredentialSettings(String apiKey, String region) {
        this(apiKey, region, null);
    }
}
