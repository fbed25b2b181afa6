package dev.chatmodels.functions.openai;

/**
 * Ends a request with an {@link ApiError}. It stands for an expected outcome (bad input, an unknown model, a provider
 * failure), so it records no stack trace.
 */
public final class ApiException extends RuntimeException {

    private final transient ApiError error;

    public ApiException(ApiError error) {
        this(error, null);
    }

    /** @param cause what went wrong, for the function's log; the client only sees {@code error} */
    public ApiException(ApiError error, Throwable cause) {
        super(error.message(), cause, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
