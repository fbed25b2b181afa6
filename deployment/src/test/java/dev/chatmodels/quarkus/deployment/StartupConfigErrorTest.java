package dev.chatmodels.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.runtime.ModelName;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Start-up fails on every configuration error found only in the run-time configuration, each naming the property to
 * set, and never printing a key.
 */
class StartupConfigErrorTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Consumer.class))
            // run-time values: the build cannot see them
            .overrideRuntimeConfigKey("quarkus.chat-models.odd.model", "mystery-model")
            .overrideRuntimeConfigKey("quarkus.chat-models.bad.model", "some-model")
            .overrideRuntimeConfigKey("quarkus.chat-models.bad.provider", "foo")
            .overrideRuntimeConfigKey("quarkus.chat-models.bad.api-key", "sk-secret-never-printed")
            .overrideRuntimeConfigKey("quarkus.chat-models.proxied.model", "ollama:llama3.2")
            .overrideRuntimeConfigKey("quarkus.chat-models.proxied.proxy", "http://user:hunter2@proxy.example")
            .overrideRuntimeConfigKey("quarkus.chat-models.chatty.model", "ollama:llama3.2")
            .overrideRuntimeConfigKey("quarkus.chat-models.chatty.log-body-limit", "-1")
            .overrideRuntimeConfigKey("quarkus.chat-models.profiled.model", "ollama:llama3.2")
            .overrideRuntimeConfigKey("quarkus.chat-models.profiled.profile.max-input-tokens", "lots")
            .overrideConfigKey("quarkus.chat-models.keyless.model", "deepseek:deepseek-chat")
            .overrideRuntimeConfigKey("quarkus.chat-models.keyless-gemini.model", "gemini-2.5-flash")
            .overrideRuntimeConfigKey("quarkus.chat-models.regionless.model", "openai:gpt-4.1")
            .overrideRuntimeConfigKey("quarkus.chat-models.regionless.api-key", "sk-secret-never-printed")
            .overrideRuntimeConfigKey("quarkus.chat-models.regionless.base-url", "https://{region}.example.invalid/v1")
            .assertException(StartupConfigErrorTest::assertNamesEveryProperty);

    @ApplicationScoped
    static class Consumer {
        @Inject
        ChatModel defaultModel;

        @Inject
        @ModelName("missing")
        ChatModel missing;

        @Inject
        @ModelName("keyless")
        ChatModel keyless;
    }

    static void assertNamesEveryProperty(Throwable thrown) {
        ConfigurationException error = find(thrown, ConfigurationException.class);
        assertNotNull(error, () -> "expected a ConfigurationException, got " + thrown);
        String message = error.getMessage();
        assertContains(message, "quarkus.chat-models.\"bad\".provider=foo: unknown provider 'foo'; supported providers: ");
        assertContains(message, "set quarkus.chat-models.\"odd\".model=provider:model or quarkus.chat-models.\"odd\".provider");
        assertContains(message, "set quarkus.chat-models.\"keyless\".api-key or the DEEPSEEK_API_KEY environment variable");
        assertContains(message, "set quarkus.chat-models.\"keyless-gemini\".api-key or the GOOGLE_API_KEY or GEMINI_API_KEY"
                + " environment variable: google needs an API key");
        assertContains(message, "quarkus.chat-models.\"proxied\".proxy is not a proxy address");
        assertContains(message, "set quarkus.chat-models.\"regionless\".region or the AWS_REGION or AWS_DEFAULT_REGION "
                + "environment variable: the base URL https://{region}.example.invalid/v1 of openai needs a region");
        assertContains(message, "quarkus.chat-models.\"chatty\".log-body-limit=-1 is negative");
        assertContains(message, "quarkus.chat-models.\"profiled\".profile.max-input-tokens=lots: profile field"
                + " max_input_tokens takes a whole number, not 'lots'");
        assertContains(message, "@ModelName(\"missing\") ChatModel is injected in " + Consumer.class.getName()
                + "#missing but quarkus.chat-models.\"missing\".model is not set");
        assertContains(message, "ChatModel is injected in " + Consumer.class.getName()
                + "#defaultModel but quarkus.chat-models.model is not set");
        assertFalse(message.contains("sk-secret-never-printed"), message);
        assertFalse(message.contains("hunter2"), message);
    }

    private static void assertContains(String message, String expected) {
        assertTrue(message.contains(expected), () -> "expected <" + expected + "> in:\n" + message);
    }

    static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Test
    void startupFails() {
        fail("the application should not have started");
    }
}
