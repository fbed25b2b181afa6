package dev.chatmodels.quarkus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyAddressTest {

    private static final String PROPERTY = "quarkus.chat-models.proxy";

    @Test
    void readsHostAndPort() {
        assertEquals(new ProxyAddress("proxy.corp", 3128, Optional.empty(), Optional.empty()),
                ProxyAddress.parse("proxy.corp:3128", PROPERTY));
    }

    @Test
    void readsAnHttpUrl() {
        assertEquals(new ProxyAddress("10.0.0.1", 8080, Optional.empty(), Optional.empty()),
                ProxyAddress.parse(" http://10.0.0.1:8080/ ", PROPERTY));
    }

    @Test
    void readsCredentialsAndNeverPrintsThePassword() {
        ProxyAddress proxy = ProxyAddress.parse("http://alice:s3cret@proxy.corp:3128", PROPERTY);
        assertEquals(Optional.of("alice"), proxy.user());
        assertEquals(Optional.of("s3cret"), proxy.password());
        assertFalse(proxy.toString().contains("s3cret"), proxy.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "proxy.corp", "https://proxy.corp:443", "socks5://proxy.corp:1080", "http://proxy.corp:3128/path",
            "http://alice:s3cret@:3128", "proxy corp:3128" })
    void rejectsWhatIsNotAnHttpProxyNamingThePropertyButNotTheValue(String value) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProxyAddress.parse(value, PROPERTY));
        assertTrue(error.getMessage().startsWith(PROPERTY + " is not a proxy address"), error.getMessage());
        assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
    }
}
