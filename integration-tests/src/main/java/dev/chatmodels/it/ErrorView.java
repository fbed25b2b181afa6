package dev.chatmodels.it;

import dev.chatmodels.error.ProviderException;

/**
 * A failed model call as the endpoints return it: the exception type and what it carries. Built from the exception's
 * own accessors only, so the response shows exactly what the library exposes to applications.
 */
public record ErrorView(String exception, Integer status, String type, String code, String requestId,
        Long retryAfterMillis, boolean retryable, String message) {

    public static ErrorView of(Throwable error) {
        if (error instanceof ProviderException provider) {
            return new ErrorView(error.getClass().getSimpleName(), provider.status(), provider.errorType(),
                    provider.errorCode(), provider.requestId(),
                    provider.retryAfter() == null ? null : provider.retryAfter().toMillis(), provider.isRetryable(),
                    error.getMessage());
        }
        return new ErrorView(error.getClass().getSimpleName(), null, null, null, null, null, false, error.getMessage());
    }
}
