package dev.chatmodels.quarkus.deployment.tool;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.tool.Tool;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** Start-up fails when a model's {@code tools} names a bean without {@code @Tool} methods, naming the property. */
class ToolsConfigErrorTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Clock.class))
            .overrideConfigKey("quarkus.chat-models.model", "openai:gpt-4o-mini")
            .overrideConfigKey("quarkus.chat-models.api-key", "sk-test")
            .overrideRuntimeConfigKey("quarkus.chat-models.tools", "clock,weather")
            .assertException(ToolsConfigErrorTest::assertNamesTheProperty);

    static class Clock {
        @Tool("The current time")
        public String now() {
            return "noon";
        }
    }

    static void assertNamesTheProperty(Throwable thrown) {
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof ConfigurationException)) {
            cause = cause.getCause();
        }
        assertNotNull(cause, () -> "expected a ConfigurationException, got " + thrown);
        assertTrue(cause.getMessage().contains("quarkus.chat-models.tools names 'weather', which is not a CDI bean with"
                + " @Tool methods; beans with @Tool methods: clock"), cause.getMessage());
    }

    @Test
    void startUpFails() {
        fail("start-up should have failed");
    }
}
