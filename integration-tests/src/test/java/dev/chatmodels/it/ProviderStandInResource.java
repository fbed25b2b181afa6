package dev.chatmodels.it;

import java.util.Map;

import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.StandInConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one {@link ProviderStandIn} on 127.0.0.1 that plays the three providers (OpenAI on {@code /v1/chat/completions},
 * Anthropic on {@code /v1/messages}, Gemini on {@code /v1/models/...}) and points the app's models at it. The stand-in runs in
 * the test JVM; the
 * configuration goes to the app through the returned map, so the same resource serves {@code @QuarkusTest} and the
 * packaged app of {@code @QuarkusIntegrationTest}. Tests get the stand-in in a field annotated {@link StandIn}.
 */
public class ProviderStandInResource implements QuarkusTestResourceLifecycleManager {

    /** The OpenAI API key the app is configured with: tests check that it is sent, and never shown. */
    public static final String OPENAI_KEY = "test-key-openai-7Qx2Lm9Vd4";
    /** The Anthropic API key the app is configured with. */
    public static final String ANTHROPIC_KEY = "test-key-anthropic-3Hs8Pk1Zw6";
    /** The Google API key the app's Gemini model is configured with. */
    public static final String GOOGLE_KEY = "test-key-google-9Fd2Wq5Ny7";

    private ProviderStandIn standIn;

    @Override
    public Map<String, String> start() {
        standIn = ProviderStandIn.start();
        return new StandInConfig(standIn)
                .defaultModel(OPENAI_KEY)
                .model("claude", ANTHROPIC_KEY)
                .model("gemini", GOOGLE_KEY)
                .properties();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(standIn,
                new TestInjector.AnnotatedAndMatchesType(StandIn.class, ProviderStandIn.class));
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
