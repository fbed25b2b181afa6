package dev.chatmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.provider.ModelCredentials;
import dev.chatmodels.provider.ProviderAuthentication;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.HttpStatusException;
import dev.chatmodels.transport.OutgoingRequest;
import dev.chatmodels.transport.RequestAuthenticator;
import io.smallrye.mutiny.Uni;

/** A provider's authentication: a key in a header is computed once per model, a signer goes with every call. */
class HttpChatModelAuthenticationTest {

    private static final String SECRET_KEY = "aws-secret-0123456789abcdef";

    /** Signs nothing real: the test only needs an authenticator that depends on the request. */
    private static final RequestAuthenticator SIGNER = (OutgoingRequest request) -> Map.of("Authorization",
            "Signed " + request.body().length);

    @Test
    void aKeyInAHeaderIsAmongTheHeadersOfEveryCallAndNothingIsAskedPerCall() {
        ProviderDescriptor provider = FakeChatCodec.PROVIDER;
        ProviderDescriptor googleLike = ProviderDescriptor.builder("fake").defaultBaseUrl("http://127.0.0.1:1")
                .authentication(ProviderAuthentication.keyHeader("x-goog-api-key"))
                .codec(provider.codec()).build();
        FakeChatTransport transport = FakeChatTransport
                .posting(call -> FakeChatTransport.ok(FakeChatCodec.answer("hi", "fake-1", 1, 1)));

        HttpChatModel.builder(googleLike).transport(transport).apiKey("g-key-123")
                .settings(ModelSettings.of("fake-1")).build().invoke("hello");

        HttpCall call = transport.calls().get(0);
        assertEquals("g-key-123", call.headers().get("x-goog-api-key"));
        assertFalse(call.headers().containsKey("Authorization"));
        assertFalse(call.signedPerAttempt());
    }

    @Test
    void aSignerGoesWithEveryCallAndItsHeadersAreNotComputedAhead() {
        FakeChatTransport transport = FakeChatTransport
                .posting(call -> FakeChatTransport.ok(FakeChatCodec.answer("hi", "fake-1", 1, 1)));

        model(transport).invoke("hello");

        HttpCall call = transport.calls().get(0);
        assertTrue(call.signedPerAttempt());
        assertSame(SIGNER, call.authenticator());
        assertFalse(call.headers().containsKey("Authorization"), call.headers()::toString);
        assertEquals("yes", call.headers().get("x-fake"));
    }

    @Test
    void theSecretsOfTheCredentialsAreRedactedFromErrors() {
        FakeChatTransport transport = FakeChatTransport.posting(call -> Uni.createFrom().failure(new HttpStatusException(
                401, Map.of(), "{\"error\": {\"type\": \"authentication_error\", \"message\": \"signature of "
                        + SECRET_KEY + " does not match\"}}")));

        AuthenticationException error = assertThrows(AuthenticationException.class, () -> model(transport).invoke("hi"));

        assertFalse(error.getMessage().contains(SECRET_KEY.substring(0, 12)), error.getMessage());
        assertTrue(error.getMessage().contains("[redacted]"), error.getMessage());
    }

    private static HttpChatModel model(FakeChatTransport transport) {
        return HttpChatModel.builder(FakeChatCodec.PROVIDER).transport(transport)
                .credentials(new ModelCredentials(SIGNER, List.of(SECRET_KEY))).settings(ModelSettings.of("fake-1"))
                .build();
    }
}
