package dev.chatmodels.error;

import java.time.Duration;

/**
 * A provider answered with an error. Carries the HTTP status, the provider's error type and code, its message and
 * request id, and the delay it asked for before a retry. Never carries the API key or request headers.
 */
public class ProviderException extends ChatModelException {

    private final ProviderError error;

    public ProviderException(ProviderError error) {
        super(error.describe());
        this.error = error;
    }

    public ProviderError error() {
        return error;
    }

    public String provider() {
        return error.provider();
    }

    /** The HTTP status, or 200 for an error event in the middle of a stream. */
    public int status() {
        return error.status();
    }

    public String errorType() {
        return error.type();
    }

    public String errorCode() {
        return error.code();
    }

    public String providerMessage() {
        return error.message();
    }

    public String requestId() {
        return error.requestId();
    }

    /** The delay the provider asked for ({@code retry-after} and similar headers), or {@code null}. */
    public Duration retryAfter() {
        return error.retryAfter();
    }

    /** Whether trying the same request again may succeed. */
    public boolean isRetryable() {
        return false;
    }

    /** Maps an error to the exception type for its kind. */
    public static ProviderException of(ProviderError error) {
        return switch (error.kind()) {
            case AUTHENTICATION, PERMISSION -> new AuthenticationException(error);
            case RATE_LIMIT -> new RateLimitException(error);
            case QUOTA -> new QuotaExceededException(error);
            case OVERLOADED, SERVER -> new ProviderServerException(error);
            case BAD_REQUEST, NOT_FOUND -> new InvalidRequestException(error);
            case OTHER -> error.status() == 408 || error.status() == 409 ? new ProviderServerException(error)
                    : new ProviderException(error);
        };
    }
}
