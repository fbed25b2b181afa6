package dev.chatmodels.provider;

import java.util.Map;

import dev.chatmodels.transport.RequestAuthenticator;

/**
 * How a provider authenticates the requests of one model, made once per model from its resolved settings: a key in a
 * header, or (in a provider's own package) a signer over the whole request.
 */
@FunctionalInterface
public interface ProviderAuthentication {

    /**
     * The credentials of a model with these settings.
     *
     * @throws MissingCredentialsException when a setting the provider needs is missing
     */
    ModelCredentials credentials(CredentialSettings settings);

    /** The key as {@code Authorization: Bearer <key>}; {@code required}: a model without a key fails at start-up. */
    static ProviderAuthentication bearerKey(boolean required) {
        return keyHeader("Authorization", "Bearer ", required);
    }

    /** The bare key in {@code header}; a model without a key fails at start-up. */
    static ProviderAuthentication keyHeader(String header) {
        return keyHeader(header, "", true);
    }

    private static ProviderAuthentication keyHeader(String header, String scheme, boolean required) {
        return settings -> {
            if (settings.apiKey() == null) {
                if (required) {
                    throw new MissingCredentialsException(MissingCredentialsException.Setting.API_KEY,
                            "needs an API key");
                }
                return ModelCredentials.NONE;
            }
            return ModelCredentials.of(RequestAuthenticator.fixed(Map.of(header, scheme + settings.apiKey())),
                    settings.apiKey());
        };
    }
}
