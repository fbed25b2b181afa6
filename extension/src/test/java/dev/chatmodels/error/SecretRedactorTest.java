package dev.chatmodels.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatmodels.message.AIMessageChunk;

class SecretRedactorTest {

    /** A gateway token: no known key format, so only redaction by value catches it. */
    private static final String TOKEN = "gw9f8e7d6c5b4a3f2e1d";
    private static final String OTHER = "mst-Zq81LmW0pPx7Ty4u";
    private static final SecretRedactor REDACTOR = SecretRedactor.of(List.of(TOKEN));

    @Test
    void redactsAWholeKeyOfAnyFormat() {
        assertEquals("Invalid token [redacted] for this gateway.",
                REDACTOR.redact("Invalid token " + TOKEN + " for this gateway."));
        assertEquals("{\"error\":\"bad key '[redacted]'\"}", REDACTOR.redact("{\"error\":\"bad key '" + TOKEN + "'\"}"));
    }

    @Test
    void redactsFragmentsFromTheMinimumLengthButNotShorter() {
        String fragment = TOKEN.substring(5, 5 + SecretRedactor.MIN_FRAGMENT);
        String shorter = TOKEN.substring(5, 5 + SecretRedactor.MIN_FRAGMENT - 1);

        assertEquals("key ends [redacted].", REDACTOR.redact("key ends " + fragment + "."));
        assertEquals("key ends " + shorter + ".", REDACTOR.redact("key ends " + shorter + "."));
        assertEquals("start [redacted] end [redacted]", REDACTOR.redact("start " + TOKEN.substring(0, 8) + " end "
                + TOKEN.substring(TOKEN.length() - 8)));
    }

    @Test
    void redactsMaskedEchoesWhoseVisiblePartsAreTheKeysStartAndEnd() {
        assertEquals("Incorrect API key provided: [redacted]. Check it.",
                REDACTOR.redact("Incorrect API key provided: gw9f****2e1d. Check it."));
        assertEquals("token [redacted] rejected", REDACTOR.redact("token gw9f8e7d...2e1d rejected"));
        assertEquals("token [redacted] rejected", REDACTOR.redact("token gw9…1d rejected"));
        assertEquals("key [redacted]", REDACTOR.redact("key ********2e1d"));
        // a mask next to text that is not the key's start or end stays
        assertEquals("a **bold** word and gw**xy", REDACTOR.redact("a **bold** word and gw**xy"));
    }

    @Test
    void redactsSeveralKeysAndOverlappingEchoes() {
        SecretRedactor redactor = SecretRedactor.of(List.of(TOKEN, OTHER));

        assertEquals("[redacted] and [redacted]", redactor.redact(TOKEN + " and " + OTHER));
        // two echoes that overlap or touch become one redaction
        assertEquals("x[redacted]y", redactor.redact("x" + TOKEN + OTHER + "y"));
        assertEquals("x[redacted]y", redactor.redact("x" + TOKEN.substring(0, 12) + TOKEN.substring(6) + "y"));
        // a key repeated inside itself
        SecretRedactor periodic = SecretRedactor.of(List.of("abababababab"));
        assertEquals("[redacted]", periodic.redact("abababababababababab"));
        assertEquals("ab cd", periodic.redact("ab cd"));
    }

    @Test
    void handlesUnicodeInTextsAndKeys() {
        String key = "clé-🔑-secrète-42";
        SecretRedactor redactor = SecretRedactor.of(List.of(key));

        assertEquals("Schlüssel 🔑 [redacted] ungültig ✓", redactor.redact("Schlüssel 🔑 " + key + " ungültig ✓"));
        // U+1F111 ends like the key's emoji: the match begins in the middle of it, and takes all of it
        assertEquals("x[redacted]", redactor.redact("x\uD83C" + key.substring(5)));
        assertEquals(TOKEN.length(), REDACTOR.redact("é".repeat(TOKEN.length())).length());
    }

    @Test
    void shortKeysOnlyAsAWholeAndTinyOrBlankOnesNotAtAll() {
        SecretRedactor shortKey = SecretRedactor.of(List.of("k3y9Z"));
        assertEquals("key [redacted] bad", shortKey.redact("key k3y9Z bad"));
        assertEquals("key k3y9 bad", shortKey.redact("key k3y9 bad"));

        SecretRedactor tiny = SecretRedactor.of(java.util.Arrays.asList("", "  ", "abc", null));
        assertSame(SecretRedactor.NONE, tiny);
        assertEquals("abc abc", tiny.redact("abc abc"));
        assertNull(tiny.redact((String) null));
        assertEquals("", REDACTOR.redact(""));
    }

    @Test
    void keepsRedactingKnownKeyFormats() {
        assertEquals("Incorrect API key provided: [redacted].",
                SecretRedactor.NONE.redact("Incorrect API key provided: sk-F18b****XdwS."));
        assertEquals("key [redacted]", REDACTOR.redact("key sk-proj-abcdefghijklmnop"));
    }

    @Test
    void scanningAMegabyteWithoutAKeyCostsAtMostTwoStepsPerCharacter() {
        List<String> secrets = List.of(TOKEN, OTHER, "aaaaaaaaaaaaaaaaaaab");
        FragmentMatcher matcher = new FragmentMatcher(secrets, SecretRedactor.MIN_FRAGMENT);
        // dense with fragments of a key and runs that match a key for a long while, then fall back
        String fragments = "gw9f8e7d6c5b4a3f2e1 aaaaaaaaaaaaaaaaaaa ".repeat((1 << 20) / 40);
        String noKeyAtAll = "The quick brown fox. ".repeat((1 << 20) / 21);

        long steps = matcher.scan(fragments).steps();
        assertTrue(steps <= 2L * fragments.length(), () -> steps + " steps");
        assertTrue(matcher.scan(noKeyAtAll).steps() <= 2L * noKeyAtAll.length());
        assertTrue(matcher.scan(noKeyAtAll).ranges().isEmpty());
        assertEquals(noKeyAtAll, SecretRedactor.of(secrets).redact(noKeyAtAll));
    }

    @Test
    void modelSecretsAreTheKeyAndCredentialHeaderValuesWithoutTheirScheme() {
        assertEquals(List.of("k-1", "Bearer gw-tok-123", "gw-tok-123"), SecretRedactor.modelSecrets(List.of("k-1"),
                Map.of("X-Gateway-Token", "Bearer gw-tok-123")));
        assertEquals(List.of(), SecretRedactor.modelSecrets(List.of(), Map.of("X-Team", "blue")));
        assertTrue(SecretRedactor.isSecretHeader("Proxy-Authorization"));
        assertFalse(SecretRedactor.isSecretHeader("anthropic-version"));
    }

    @Test
    void equalSecretsMakeEqualRedactorsThatNeverPrintThem() {
        assertEquals(SecretRedactor.of(List.of(TOKEN, OTHER)), SecretRedactor.of(List.of(OTHER, TOKEN, TOKEN)));
        assertEquals("SecretRedactor[1 secrets]", REDACTOR.toString());
    }

    @Test
    void redactsFailuresKeepingTheirTypesAndStackTraces() {
        ProviderError error = new ProviderError("gateway", 400, ProviderError.Kind.BAD_REQUEST, "invalid_request",
                "bad_key_" + TOKEN, "The key " + TOKEN + " is not valid", "req_1", null);
        IOException io = new IOException("closed while sending " + TOKEN);
        StreamInterruptedException interrupted = new StreamInterruptedException("gateway failed after 1 chunks: "
                + ProviderException.of(error).getMessage(), AIMessageChunk.ofText("a", 0), ProviderException.of(error));
        ProviderConnectionException connection = new ProviderConnectionException("failed: " + io, io);

        InvalidRequestException invalid = assertInstanceOf(InvalidRequestException.class,
                REDACTOR.redact(ProviderException.of(error)));
        assertEquals("The key [redacted] is not valid", invalid.providerMessage());
        assertEquals("bad_key_[redacted]", invalid.errorCode());
        assertEquals("req_1", invalid.requestId());

        StreamInterruptedException redacted = assertInstanceOf(StreamInterruptedException.class,
                REDACTOR.redact(interrupted));
        assertSame(interrupted.received(), redacted.received());
        assertInstanceOf(InvalidRequestException.class, redacted.getCause());
        assertSame(interrupted.getStackTrace()[0], redacted.getStackTrace()[0]);

        Throwable redactedConnection = REDACTOR.redact(connection);
        assertInstanceOf(ProviderConnectionException.class, redactedConnection);
        assertEquals("java.io.IOException: closed while sending [redacted]", redactedConnection.getCause().toString());
        for (Throwable t : List.of(invalid, redacted, redactedConnection)) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertFalse(c.toString().contains(TOKEN.substring(0, 8)), c.toString());
            }
        }

        ProviderConnectionException clean = new ProviderConnectionException("refused", new IOException("refused"));
        assertSame(clean, REDACTOR.redact(clean));
    }
}
