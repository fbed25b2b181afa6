package dev.chatmodels.provider;

import java.util.List;
import java.util.Objects;

import dev.chatmodels.transport.RequestAuthenticator;

/**
 * What authenticates one model's requests, and the secrets nothing may ever show (the key, an AWS secret key, a session
 * token): the model's redactor removes them from errors and logs.
 */
public record ModelCredentials(RequestAuthenticator authenticator, List<String> secrets) {

    /** No credentials: a local server. */
    public static final ModelCredentials NONE = new ModelCredentials(RequestAuthenticator.NONE, List.of());

    public ModelCredentials {
        Objects.requireNonNull(authenticator, "authenticator");
        secrets = List.copyOf(secrets);
    }

    public static ModelCredentials of(RequestAuthenticator authenticator, String... secrets) {
        return new ModelCredentials(authenticator, List.of(secrets));
    }
}
