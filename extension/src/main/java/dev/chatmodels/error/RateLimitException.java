package dev.chatmodels.error;

/** The provider's rate limit was hit (HTTP 429); {@link #retryAfter()} tells when to try again. */
public class RateLimitException extends ProviderException {

    public RateLimitException(ProviderError error) {
        super(error);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
