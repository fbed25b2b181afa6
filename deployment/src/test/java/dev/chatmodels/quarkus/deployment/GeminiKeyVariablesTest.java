package dev.chatmodels.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.runtime.ModelName;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.RecordedRequest;
import dev.chatmodels.testing.Reply;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A Gemini model without a configured key reads {@code GOOGLE_API_KEY}, and without that {@code GEMINI_API_KEY} (as
 * environment variables or any other config source), and sends it as {@code x-goog-api-key}.
 */
class GeminiKeyVariablesTest {

    private static final String GEMINI_KEY = "gemini-variable-key-5Tq8Wz";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClass(StandInConfigSource.class)
                    .addAsServiceProvider(ConfigSource.class, StandInConfigSource.class))
            // an alias and a bare name, both Google's
            .overrideConfigKey("quarkus.chat-models.model", "gemini:gemini-2.5-flash")
            .overrideConfigKey("quarkus.chat-models.bare.model", "gemini-2.5-flash")
            .overrideConfigKey("quarkus.chat-models.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.bare.max-retries", "0")
            .overrideRuntimeConfigKey("quarkus.chat-models.base-url", "${stand-in.url}/v1beta")
            .overrideRuntimeConfigKey("quarkus.chat-models.bare.base-url", "${stand-in.url}/v1beta")
            .overrideRuntimeConfigKey("GEMINI_API_KEY", GEMINI_KEY);

    @Inject
    ChatModel gemini;

    @Inject
    @ModelName("bare")
    ChatModel bare;

    private final ProviderStandIn standIn = StandInConfigSource.standIn();

    @AfterAll
    static void stopStandIn() {
        StandInConfigSource.stop();
    }

    @Test
    void sendsTheGeminiVariablesKeyInItsHeader() {
        standIn.enqueue("/v1beta/models/gemini-2.5-flash:generateContent",
                Reply.fromFixture("gemini", "generate_content_text.response.json"));

        assertEquals("Hello! How can I help you today?", gemini.invoke("Hello!").text());
        assertEquals("Hello! How can I help you today?", bare.invoke("Hello!").text());

        List<RecordedRequest> requests = standIn.requests();
        assertEquals(2, requests.size());
        for (RecordedRequest request : requests) {
            assertEquals(GEMINI_KEY, request.header("x-goog-api-key"));
            assertNull(request.header("authorization"));
            assertNull(request.query(), "the key is not in the URL");
        }
    }
}
