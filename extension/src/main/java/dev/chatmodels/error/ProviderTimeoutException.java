package dev.chatmodels.error;

/**
 * The provider did not answer in time: no answer within the call timeout, or a stream paused longer than its idle
 * timeout. Worth retrying, like any connection failure.
 */
public class ProviderTimeoutException extends ProviderConnectionException {

    public ProviderTimeoutException(String message) {
        super(message, null);
    }
}
