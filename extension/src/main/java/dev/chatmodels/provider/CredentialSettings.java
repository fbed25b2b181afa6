package dev.chatmodels.provider;

/**
 * The settings of one model that its {@link ProviderAuthentication} may use.
 *
 * @param apiKey the configured key, else the first of the provider's key variables that is set; {@code null} when none
 * @param region the configured region, else the environment's ({@code AWS_REGION}, {@code AWS_DEFAULT_REGION});
 *        {@code null} when none
 */
public record CredentialSettings(String apiKey, String region) {

    public CredentialSettings {
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        region = region == null || region.isBlank() ? null : region;
    }
}
