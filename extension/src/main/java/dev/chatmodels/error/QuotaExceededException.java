package dev.chatmodels.error;

/** The account is out of quota or credit (HTTP 429 {@code insufficient_quota}) */
public class QuotaExceededException extends ProviderException {

    public QuotaExceededException(ProviderError error) {
        super(error);
    }
}
