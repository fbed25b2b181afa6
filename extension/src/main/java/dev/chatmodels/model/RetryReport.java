package dev.chatmodels.model;

import dev.chatmodels.callback.CallbackDispatcher;

/**
 * Tells a call's callbacks about its retries: the call guard makes the attempts one after the other, each one
 * {@link #attemptStarts() starts} and may {@link #attemptFailed fail}; the second and later starts are retries.
 */
final class RetryReport {

    private final CallbackDispatcher callbacks;
    private volatile int attempts;
    private volatile Throwable lastFailure;

    RetryReport(CallbackDispatcher callbacks) {
        this.callbacks = callbacks;
    }

    void attemptStarts() {
        int attempt = ++attempts; // attempts never overlap: the guard starts one after the previous one ended
        if (attempt > 1) {
            callbacks.retry(attempt, lastFailure);
        }
        // an attempt the guard gives up on (a timeout) ends without a failure of its own
        lastFailure = null;
    }

    void attemptFailed(Throwable failure) {
        lastFailure = failure;
    }
}
