package dev.chatmodels.error;

import java.util.Objects;

/**
 * Redacts a failure and its causes. Exceptions cannot change their message, so a failure that holds a secret is
 * rebuilt: a {@link ChatModelException} as the same type (callers and the function apps tell failures apart by type),
 * anything else as a {@link RedactedFailure} that reads like the original. Stack traces are kept.
 */
final class FailureRedaction {

    private FailureRedaction() {
    }

    static Throwable redact(Throwable failure, SecretRedactor redactor) {
        if (failure == null) {
            return null;
        }
        Throwable cause = failure.getCause() == failure ? null : redact(failure.getCause(), redactor);
        boolean causeChanged = cause != failure.getCause();
        Throwable redacted;
        if (failure instanceof ProviderException provider) {
            ProviderError error = provider.error().redacted(redactor);
            redacted = error.equals(provider.error()) && !causeChanged ? failure : ProviderException.of(error);
        } else {
            String message = redactor.redact(failure.getMessage());
            if (Objects.equals(message, failure.getMessage()) && !causeChanged) {
                return failure;
            }
            redacted = copy(failure, message, cause);
        }
        if (redacted != failure) {
            if (redacted.getCause() == null && cause != null) {
                redacted.initCause(cause);
            }
            redacted.setStackTrace(failure.getStackTrace());
        }
        return redacted;
    }

    private static Throwable copy(Throwable failure, String message, Throwable cause) {
        if (failure instanceof StreamInterruptedException interrupted) {
            return new StreamInterruptedException(message, interrupted.received(), cause);
        }
        if (failure instanceof ProviderTimeoutException) {
            return new ProviderTimeoutException(message);
        }
        if (failure instanceof ProviderConnectionException) {
            return new ProviderConnectionException(message, cause);
        }
        if (failure instanceof CircuitOpenException) {
            return new CircuitOpenException(message, cause);
        }
        if (failure instanceof ChatModelException) {
            return new ChatModelException(message, cause);
        }
        return new RedactedFailure(failure.getClass().getName() + (message == null ? "" : ": " + message), cause);
    }

    /** A failure that held a secret, told as {@code <its class name>: <its redacted message>}. */
    static final class RedactedFailure extends RuntimeException {

        RedactedFailure(String description, Throwable cause) {
            super(description, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
