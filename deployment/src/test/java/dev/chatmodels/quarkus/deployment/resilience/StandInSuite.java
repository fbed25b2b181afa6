package dev.chatmodels.quarkus.deployment.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import dev.chatmodels.testing.ProviderStandIn;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A {@code QuarkusUnitTest} whose models talk to a provider stand-in. The application's configuration must name the
 * stand-in's port before the stand-in can start: a {@code QuarkusUnitTest} class is initialised once to configure the
 * application and again by the application's class loader, which runs the tests. So the port is picked first and kept
 * in a system property, the same in both loads, and the stand-in starts on it before the tests.
 */
abstract class StandInSuite {

    static ProviderStandIn standIn;

    /**
     * A new application with the classes of {@code testClass} and {@code more}, and {@code models} (name to
     * {@code provider:model}) configured on the stand-in, each with {@code settings} (key to value, e.g.
     * {@code max-retries=0}).
     */
    static QuarkusUnitTest application(Class<? extends StandInSuite> testClass, Map<String, String> models,
            Map<String, String> settings, Class<?>... more) {
        QuarkusUnitTest test = new QuarkusUnitTest()
                .withApplicationRoot(root -> root.addClasses(StandInSuite.class, testClass).addClasses(more));
        models.forEach((name, model) -> {
            String prefix = "quarkus.chat-models." + name + ".";
            test.overrideConfigKey(prefix + "model", model)
                    .overrideConfigKey(prefix + "base-url", "http://127.0.0.1:" + port(testClass) + "/v1")
                    .overrideConfigKey(prefix + "api-key", "sk-stand-in-test");
            settings.forEach((key, value) -> test.overrideConfigKey(prefix + key, value));
        });
        return test;
    }

    @BeforeAll
    static void startStandIn(TestInfo test) {
        standIn = ProviderStandIn.start(port(test.getTestClass().orElseThrow()));
    }

    @AfterAll
    static void stopStandIn() {
        standIn.close();
    }

    @BeforeEach
    void forgetReplies() {
        standIn.reset();
    }

    private static int port(Class<?> testClass) {
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
