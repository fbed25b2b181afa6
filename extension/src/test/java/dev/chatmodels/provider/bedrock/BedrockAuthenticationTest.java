package dev.chatmodels.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.chatmodels.provider.CredentialSettings;
import dev.chatmodels.provider.MissingCredentialsException;
import dev.chatmodels.provider.ModelCredentials;
import dev.chatmodels.transport.OutgoingRequest;
import software.amazon.awssdk.core.exception.SdkClientException;

/** A Bedrock API key is a bearer token; without one, AWS credentials sign; without either, start-up fails. */
class BedrockAuthenticationTest {

    private static final OutgoingRequest REQUEST = new OutgoingRequest("POST",
            URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse"), Map.of(), new byte[] { '{', '}' });

    private final BedrockAuthentication authentication = new BedrockAuthentication();

    @Test
    void apiKeyIsSentAsABearerToken() {
        ModelCredentials credentials = authentication.credentials(
                new CredentialSettings("bedrock-api-key-1234", "us-east-1", name -> Optional.of("ignored")));

        assertTrue(credentials.authenticator().isStatic());
        assertEquals(Map.of("Authorization", "Bearer bedrock-api-key-1234"), credentials.authenticator().headers(REQUEST));
        assertEquals(List.of("bedrock-api-key-1234"), credentials.secrets());
    }

    @Test
    void awsKeysFromTheConfigurationSign() {
        Map<String, String> config = Map.of("AWS_ACCESS_KEY_ID", "AKIDCONFIG", "AWS_SECRET_ACCESS_KEY", "config-secret-key",
                "AWS_SESSION_TOKEN", "config-session-token");

        ModelCredentials credentials = authentication.credentials(
                new CredentialSettings(null, "eu-central-1", name -> Optional.ofNullable(config.get(name))));

        Map<String, String> headers = credentials.authenticator().headers(REQUEST);
        assertFalse(credentials.authenticator().isStatic());
        assertTrue(headers.get("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDCONFIG/"),
                headers.get("Authorization"));
        assertTrue(headers.get("Authorization").contains("/eu-central-1/bedrock/aws4_request"));
        assertEquals("config-session-token", headers.get("X-Amz-Security-Token"));
        assertEquals(List.of("config-secret-key", "config-session-token"), credentials.secrets());
    }

    @Test
    void signingWithoutARegionNamesTheRegion() {
        MissingCredentialsException error = assertThrows(MissingCredentialsException.class,
                () -> authentication.credentials(new CredentialSettings(null, null,
                        name -> Optional.of("AWS_SESSION_TOKEN".equals(name) ? "" : "value"))));

        assertEquals(MissingCredentialsException.Setting.REGION, error.setting());
    }

    @Test
    void noCredentialsOfAnyKindNamesTheKeyAndTheChain() {
        MissingCredentialsException error = assertThrows(MissingCredentialsException.class,
                () -> BedrockAuthentication.signing("us-east-1", () -> {
                    throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
                }, Runnable::run));

        assertEquals(MissingCredentialsException.Setting.API_KEY, error.setting());
        assertTrue(error.getMessage().contains("AWS credential chain"), error.getMessage());
        assertTrue(error.getMessage().contains("AWS_ACCESS_KEY_ID"), error.getMessage());
    }
}
