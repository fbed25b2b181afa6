package dev.chatmodels.functions.openai;

/**
 * Ends a request with an {@link ApiError}. It stands for an expected outcome (bad input, an unknown model, a provider
 * failure), so it records no stack trace.
 */
public final class ApiException extends RuntimeException {

    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
