package dev.chatmodels.error;

/** The provider could not be reached, the connection broke, or it did not answer in time: worth retrying. */
public class ProviderConnectionException extends ChatModelException {

    public ProviderConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
