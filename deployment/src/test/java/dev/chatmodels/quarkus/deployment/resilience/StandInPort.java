package dev.chatmodels.quarkus.deployment.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A free loopback port for a test class's provider stand-in, the same in both loads of the class: a
 * {@code QuarkusUnitTest} class is initialised once to configure the application (which must name the port) and again
 * by the application's class loader, which runs the tests and starts the stand-in.
 */
final class StandInPort {

    private StandInPort() {
    }

    static int of(Class<?> testClass) {
        String key = "chat-models.test.stand-in-port." + testClass.getName();
        synchronized (System.getProperties()) {
            String reserved = System.getProperty(key);
            if (reserved != null) {
                return Integer.parseInt(reserved);
            }
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                System.setProperty(key, Integer.toString(probe.getLocalPort()));
                return probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("No free loopback port for the provider stand-in", e);
            }
        }
    }
}
