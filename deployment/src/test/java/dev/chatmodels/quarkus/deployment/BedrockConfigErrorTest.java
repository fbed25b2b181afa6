package dev.chatmodels.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Bedrock models fail at start-up naming the property to set: no region for the regional endpoint, no region to sign
 * for, a model name of no known prefix; the AWS secret key is never printed.
 */
class BedrockConfigErrorTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            // no region anywhere, whatever the machine's environment says
            .overrideRuntimeConfigKey("AWS_REGION", "")
            .overrideRuntimeConfigKey("AWS_DEFAULT_REGION", "")
            .overrideRuntimeConfigKey("AWS_ACCESS_KEY_ID", "AKIDCONFIGERRORTEST")
            .overrideRuntimeConfigKey("AWS_SECRET_ACCESS_KEY", "bedrock-secret-never-printed")
            .overrideRuntimeConfigKey("quarkus.chat-models.endpoint.model", "bedrock:amazon.nova-micro-v1:0")
            .overrideRuntimeConfigKey("quarkus.chat-models.endpoint.api-key", "bedrock-api-key-never-printed")
            .overrideRuntimeConfigKey("quarkus.chat-models.signed.model", "us.amazon.nova-micro-v1:0")
            .overrideRuntimeConfigKey("quarkus.chat-models.signed.base-url", "http://localhost:1/bedrock")
            .overrideRuntimeConfigKey("quarkus.chat-models.titan.model", "titan-text-express-v1")
            .assertException(BedrockConfigErrorTest::assertNamesEveryProperty);

    static void assertNamesEveryProperty(Throwable thrown) {
        ConfigurationException error = StartupConfigErrorTest.find(thrown, ConfigurationException.class);
        assertNotNull(error, () -> "expected a ConfigurationException, got " + thrown);
        String message = error.getMessage();
        assertContains(message, "set quarkus.chat-models.\"endpoint\".region or the AWS_REGION or AWS_DEFAULT_REGION "
                + "environment variable: the base URL https://bedrock-runtime.{region}.amazonaws.com of bedrock needs a region");
        assertContains(message, "set quarkus.chat-models.\"signed\".region or the AWS_REGION or AWS_DEFAULT_REGION "
                + "environment variable: bedrock needs the region to sign requests for");
        assertContains(message,
                "set quarkus.chat-models.\"titan\".model=provider:model or quarkus.chat-models.\"titan\".provider");
        assertFalse(message.contains("never-printed"), message);
    }

    private static void assertContains(String message, String expected) {
        assertTrue(message.contains(expected), () -> "expected <" + expected + "> in:\n" + message);
    }

    @Test
    void failsAtStartUp() {
        fail("start-up should have failed");
    }
}
