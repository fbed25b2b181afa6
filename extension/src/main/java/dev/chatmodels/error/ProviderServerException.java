package dev.chatmodels.error;

/** The provider failed or is overloaded (5xx, Anthropic 529, 408, 409) */
public class ProviderServerException extends ProviderException {

    public ProviderServerException(ProviderError error) {
        super(error);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
