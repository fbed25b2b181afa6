package dev.chatmodels.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** Wrong values already known at build time fail the build, with the messages of the start-up check. */
class BuildTimeConfigErrorTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.chat-models.model", "mystery-model")
            .overrideConfigKey("quarkus.chat-models.fast.model", "bar")
            .overrideConfigKey("quarkus.chat-models.fast.provider", "foo")
            .overrideConfigKey("quarkus.chat-models.\"cohere.ai\".model", "cohere:command-r-plus")
            .assertException(BuildTimeConfigErrorTest::assertBuildFailsNamingTheProperties);

    static void assertBuildFailsNamingTheProperties(Throwable thrown) {
        ConfigurationException error = StartupConfigErrorTest.find(thrown, ConfigurationException.class);
        assertNotNull(error, () -> "expected a ConfigurationException, got " + thrown);
        assertTrue(Arrays.stream(error.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("checkBuildTimeConfig")),
                () -> "not thrown by the build step: " + thrown);
        String message = error.getMessage();
        assertTrue(message.contains("set quarkus.chat-models.model=provider:model or quarkus.chat-models.provider"),
                message);
        assertTrue(message.contains("quarkus.chat-models.\"fast\".provider=foo: unknown provider 'foo'"), message);
        assertTrue(message.contains(
                "quarkus.chat-models.\"cohere.ai\".model=cohere:command-r-plus: provider 'cohere' is not supported yet"),
                message);
    }

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
