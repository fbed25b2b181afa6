package dev.chatmodels.error;

/** The API key is missing, wrong, or may not use this model (HTTP 401 or 403). */
public class AuthenticationException extends ProviderException {

    public AuthenticationException(ProviderError error) {
        super(error);
    }
}
