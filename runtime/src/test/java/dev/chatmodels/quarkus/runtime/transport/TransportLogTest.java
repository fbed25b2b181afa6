package dev.chatmodels.quarkus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TransportLogTest {

    @Test
    void masksTheValuesOfCredentialHeaders() {
        Map<String, String> masked = TransportLog.masked(Map.of("Authorization", "Bearer sk-1", "x-api-key", "sk-2",
                "X-Auth-Token", "t", "anthropic-version", "2023-06-01", "X-Team", "a"));
        assertEquals(Map.of("Authorization", "***", "x-api-key", "***", "X-Auth-Token", "***", "anthropic-version",
                "2023-06-01", "X-Team", "a"), Map.copyOf(masked));
    }
}
