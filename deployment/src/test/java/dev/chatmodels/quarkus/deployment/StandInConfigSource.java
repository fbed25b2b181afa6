package dev.chatmodels.quarkus.deployment;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import dev.chatmodels.testing.ProviderStandIn;

/**
 * Gives a {@code QuarkusUnitTest} application the URL of a {@link ProviderStandIn} as {@code stand-in.url} and its
 * {@code host:port} as {@code stand-in.address}, so that run-time configuration can point models at it
 * ({@code base-url=${stand-in.url}/v1}).
 * <p>
 * A unit test class is loaded twice, once by JUnit and once inside the application, so a stand-in held in one of its
 * static fields would be two servers. This source and the test methods both run inside the application and share
 * {@link #standIn()}. Add it to the application with {@code addAsServiceProvider(ConfigSource.class, ...)}.
 */
public class StandInConfigSource implements ConfigSource {

    private static final String URL = "stand-in.url";
    private static final String ADDRESS = "stand-in.address";
    private static ProviderStandIn standIn;

    /** The stand-in of this application, started on first use. */
    public static synchronized ProviderStandIn standIn() {
        if (standIn == null) {
            standIn = ProviderStandIn.start();
        }
        return standIn;
    }

    /** Stops the stand-in; the next {@link #standIn()} starts a new one. */
    public static synchronized void stop() {
        if (standIn != null) {
            standIn.close();
            standIn = null;
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(URL, ADDRESS);
    }

    @Override
    public String getValue(String propertyName) {
        // started only when asked: the build reads configuration too, and must not start a server
        return switch (propertyName) {
            case URL -> standIn().baseUrl();
            case ADDRESS -> standIn().baseUrl().substring("http://".length());
            default -> null;
        };
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getName() {
        return "provider stand-in";
    }
}
