package dev.chatmodels.error;

/** The provider rejected the request (HTTP 400, 404, 422) */
public class InvalidRequestException extends ProviderException {

    public InvalidRequestException(ProviderError error) {
        super(error);
    }
}
