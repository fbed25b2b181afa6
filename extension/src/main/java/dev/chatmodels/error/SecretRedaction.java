package dev.chatmodels.error;

import java.util.regex.Pattern;

/**
 * Removes API keys from provider messages before they reach exceptions and logs. Providers echo the key they rejected
 * (OpenAI: {@code Incorrect API key provided: sk-F18b****XdwS}), partly masked but still a secret's fragment.
 */
final class SecretRedaction {

    /** Key formats of the supported providers and their partly masked echoes. */
    private static final Pattern KEY = Pattern.compile(
            "\\b\\d?(?:sk-ant-|sk-proj-|sk-|gsk_|xai-|AIza|AKIA|hf_)[A-Za-z0-9_\\-*]{4,}");

    private SecretRedaction() {
    }

    static String redact(String text) {
        return text == null ? null : KEY.matcher(text).replaceAll("[redacted]");
    }
}
