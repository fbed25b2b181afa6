package dev.chatmodels.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.chatmodels.functions.config.FunctionsConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.configuration.MemorySize;

class JsonBodiesTest {

    @Test
    void refusesLimitsThatWouldTurnAwayEveryRequestNamingTheProperty() {
        ConfigurationException timeout = assertThrows(ConfigurationException.class,
                () -> new JsonBodies(config(4096, Duration.ZERO)));
        assertTrue(timeout.getMessage().startsWith("chat-functions.body-timeout=PT0S "), timeout.getMessage());
        ConfigurationException size = assertThrows(ConfigurationException.class,
                () -> new JsonBodies(config(0, Duration.ofSeconds(30))));
        assertTrue(size.getMessage().startsWith("chat-functions.max-body-size="), size.getMessage());
    }

    @Test
    void acceptsJsonMediaTypesOnly() {
        assertTrue(JsonBodies.isJson(null), "a client that names no type");
        assertEquals(List.of(true, true, true, false, false),
                List.of("application/json", "application/json; charset=utf-8", "application/vnd.x+json",
                        "multipart/form-data; boundary=x", "text/plain").stream().map(JsonBodies::isJson).toList());
    }

    private static FunctionsConfig config(long maxBodySize, Duration bodyTimeout) {
        return new FunctionsConfig() {
            @Override
            public Optional<List<String>> apiKeys() {
                return Optional.empty();
            }

            @Override
            public MemorySize maxBodySize() {
                return new MemorySize(java.math.BigInteger.valueOf(maxBodySize));
            }

            @Override
            public Duration bodyTimeout() {
                return bodyTimeout;
            }

            @Override
            public int maxMessages() {
                return 256;
            }
        };
    }
}
