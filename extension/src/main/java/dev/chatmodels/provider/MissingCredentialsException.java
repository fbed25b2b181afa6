package dev.chatmodels.provider;

/**
 * A model lacks a setting its provider needs to authenticate. Says which, so that the caller names the property or
 * option to set; the message says what is missing and never holds a secret.
 */
public final class MissingCredentialsException extends IllegalArgumentException {

    /** The setting to fix. */
    public enum Setting {
        API_KEY,
        REGION
    }

    private final Setting setting;

    public MissingCredentialsException(Setting setting, String message) {
        super(message);
        this.setting = setting;
    }

    public Setting setting() {
        return setting;
    }
}
