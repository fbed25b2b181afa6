package dev.chatmodels.error;

/**
 * The provider did not answer in time: no answer within the call timeout, or a stream paused longer than its idle
 * timeout. Worth retrying, like any connection failure.
 */
public class ProviderTimeoutException extends ProviderConnectionException {

    public ProviderTimeoutException(String message) {
        super(message, null);
    }

    /**
     * No answer from {@code model} within {@code timeout}: one message whichever timer saw it first, the call's attempt
     * timeout or the HTTP client's longest silence (both are the model's {@code timeout}).
     */
    public static ProviderTimeoutException noAnswerWithin(String model, java.time.Duration timeout) {
        return new ProviderTimeoutException(
                "The chat model " + model + " did not answer within " + timeout.toMillis() + " ms (timeout)");
    }
}
