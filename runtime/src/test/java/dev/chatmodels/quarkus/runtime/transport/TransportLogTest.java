package dev.chatmodels.quarkus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.chatmodels.error.SecretRedactor;

class TransportLogTest {

    private static final String KEY = "gw9f8e7d6c5b4a3f2e1d";

    private static TransportLog log(int bodyLimit) {
        return new TransportLog(new TransportSettings("m", URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Optional.empty(), 1, true, true, bodyLimit, SecretRedactor.of(List.of(KEY))));
    }

    @Test
    void masksTheValuesOfCredentialHeaders() {
        Map<String, String> masked = log(100).masked(Map.of("Authorization", "Bearer sk-1", "x-api-key", "sk-2",
                "X-Auth-Token", "t", "anthropic-version", "2023-06-01", "X-Team", "a", "X-Echo", "k=" + KEY));
        assertEquals(Map.of("Authorization", "***", "x-api-key", "***", "X-Auth-Token", "***", "anthropic-version",
                "2023-06-01", "X-Team", "a", "X-Echo", "k=[redacted]"), Map.copyOf(masked));
    }

    @Test
    void redactsTheModelsSecretsFromBodies() {
        assertEquals("{\"error\": \"token [redacted] and [redacted] rejected\"}",
                log(100).loggable("{\"error\": \"token " + KEY + " and sk-proj-abcdefgh rejected\"}"));
    }

    @Test
    void cutsABodyOverTheLimitAndSaysHowMuchWasLeftOut() {
        String megabyte = "{\"error\": \"" + "x".repeat(1 << 20) + KEY + "\"}";

        String logged = log(4096).loggable(megabyte);

        assertEquals(megabyte.substring(0, 4096) + "… [cut " + (megabyte.length() - 4096) + " characters]", logged);
        assertEquals("{\"a\"… [cut 2 characters]", log(4).loggable("{\"a\":1}".substring(0, 6)));
        assertEquals("{\"a\":1}", log(7).loggable("{\"a\":1}"));
    }

    @Test
    void neverCutsAKeyIntoALoggedFragmentOfTheMinimumLengthOrLonger() {
        String body = "token " + KEY;
        // the key straddles the cut: what is left of it is redacted when long enough, and shorter when not
        assertEquals("token [redacted]… [cut 2 characters]", log(body.length() - 2).loggable(body));
        String shortStart = log(6 + SecretRedactor.MIN_FRAGMENT - 1).loggable(body);
        assertFalse(shortStart.contains(KEY.substring(0, SecretRedactor.MIN_FRAGMENT)), shortStart);
    }

    @Test
    void neverCutsASurrogatePairInHalf() {
        assertEquals("ab… [cut 3 characters]", log(3).loggable("ab😀c"));
    }
}
