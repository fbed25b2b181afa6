package dev.chatmodels.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatmodels.testing.SigV4Verifier;
import dev.chatmodels.transport.OutgoingRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** SigV4 signing over the request as sent: the AWS test suite's vectors and Bedrock requests checked independently. */
class SigV4AuthenticatorTest {

    /** The credentials and time of the AWS Signature Version 4 test suite. */
    private static final AwsCredentialsIdentity SUITE_CREDENTIALS = AwsCredentialsIdentity.create("AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final Clock SUITE_TIME = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);

    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello!\"}]}]}";

    /**
     * The independent verifier first proves itself on the official vectors of the AWS Signature Version 4 test suite
     * ({@code get-vanilla}, {@code post-vanilla}); it then checks what the SDK's signer makes of our requests (which
     * also signs {@code x-amz-content-sha256}, so the vectors' exact Authorization values cannot be compared).
     */
    @Test
    void verifierAgreesWithTheAwsTestSuite() {
        SigV4Verifier suite = new SigV4Verifier("AKIDEXAMPLE", SUITE_CREDENTIALS.secretAccessKey(), "us-east-1", "service");
        String scope = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=";
        Map<String, String> get = Map.of("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z",
                "authorization", scope + "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        Map<String, String> post = Map.of("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z",
                "authorization", scope + "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");

        assertNull(suite.problem("GET", "/", get, new byte[0]));
        assertNull(suite.problem("POST", "/", post, new byte[0]));
        assertNotNull(suite.problem("GET", "/", post, new byte[0]));
    }

    @Test
    void signsTheSuiteRequestVerifiably() {
        SigV4Authenticator authenticator = new SigV4Authenticator(() -> SUITE_CREDENTIALS, "us-east-1", "service",
                SUITE_TIME);
        URI uri = URI.create("https://example.amazonaws.com/");

        Map<String, String> added = authenticator.headers(new OutgoingRequest("GET", uri, Map.of(), new byte[0]));

        assertEquals("20150830T123600Z", added.get("X-Amz-Date"));
        assertNull(new SigV4Verifier("AKIDEXAMPLE", SUITE_CREDENTIALS.secretAccessKey(), "us-east-1", "service")
                .problem("GET", "/", received(uri, Map.of(), added), new byte[0]));
    }

    @Test
    void converseRequestVerifiesWithTheEncodedModelIdHeadersAndBody() {
        SigV4Authenticator authenticator = new SigV4Authenticator(() -> SUITE_CREDENTIALS, "us-east-1");
        URI uri = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/us.amazon.nova-micro-v1%3A0/converse");
        Map<String, String> sent = Map.of("Content-Type", "application/json", "Accept", "application/json");

        Map<String, String> added = authenticator.headers(
                new OutgoingRequest("POST", uri, sent, BODY.getBytes(StandardCharsets.UTF_8)));

        assertFalse(added.keySet().stream().anyMatch("host"::equalsIgnoreCase), "the transport sets Host from the URI");
        assertTrue(added.get("Authorization").contains("SignedHeaders=accept;content-type;host;"),
                added.get("Authorization"));
        SigV4Verifier verifier = new SigV4Verifier("AKIDEXAMPLE", SUITE_CREDENTIALS.secretAccessKey(), "us-east-1",
                "bedrock");
        Map<String, String> received = received(uri, sent, added);
        assertNull(verifier.problem("POST", uri.getRawPath(), received, BODY.getBytes(StandardCharsets.UTF_8)));

        // the same signature does not hold for another body, path or host
        assertNotNull(verifier.problem("POST", uri.getRawPath(), received, "{}".getBytes(StandardCharsets.UTF_8)));
        assertNotNull(verifier.problem("POST", "/model/us.amazon.nova-micro-v1:0/converse", received,
                BODY.getBytes(StandardCharsets.UTF_8)));
        received.put("host", "bedrock-runtime.us-west-2.amazonaws.com");
        assertNotNull(verifier.problem("POST", uri.getRawPath(), received, BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void baseUrlOverrideSignsTheHostAndPortActuallyCalled() {
        SigV4Authenticator authenticator = new SigV4Authenticator(() -> SUITE_CREDENTIALS, "eu-west-1");
        URI uri = URI.create("http://127.0.0.1:8089/proxy/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream");

        Map<String, String> added = authenticator.headers(
                new OutgoingRequest("POST", uri, Map.of(), BODY.getBytes(StandardCharsets.UTF_8)));

        Map<String, String> received = received(uri, Map.of(), added);
        assertEquals("127.0.0.1:8089", received.get("host"));
        assertNull(new SigV4Verifier("AKIDEXAMPLE", SUITE_CREDENTIALS.secretAccessKey(), "eu-west-1", "bedrock")
                .problem("POST", uri.getRawPath(), received, BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void temporaryCredentialsSendAndSignTheSessionToken() {
        AwsSessionCredentialsIdentity session = AwsSessionCredentialsIdentity.create("ASIAEXAMPLE", "secret-key-example",
                "session-token-example");
        SigV4Authenticator authenticator = new SigV4Authenticator(() -> session, "us-east-1");
        URI uri = URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse");

        Map<String, String> added = authenticator.headers(
                new OutgoingRequest("POST", uri, Map.of(), BODY.getBytes(StandardCharsets.UTF_8)));

        assertEquals("session-token-example", added.get("X-Amz-Security-Token"));
        assertTrue(added.get("Authorization").contains("x-amz-security-token"), added.get("Authorization"));
        assertNull(new SigV4Verifier("ASIAEXAMPLE", "secret-key-example", "us-east-1", "bedrock").problem("POST",
                uri.getRawPath(), received(uri, Map.of(), added), BODY.getBytes(StandardCharsets.UTF_8)));
        assertFalse(String.join(" ", added.values()).contains("secret-key-example"));
    }

    /** The headers a server receives: what the transport set, the signature headers, and Host from the URI. */
    private static Map<String, String> received(URI uri, Map<String, String> sent, Map<String, String> added) {
        Map<String, String> headers = new LinkedHashMap<>();
        sent.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        added.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        headers.put("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        return headers;
    }
}
