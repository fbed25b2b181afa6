package dev.chatmodels.functions.testing;

import java.util.Map;

import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.StandInConfig;

/**
 * Configures a function app the way an operator would at deploy time: a {@code default} OpenAI model, a
 * {@code claude} Anthropic model and a {@code gemini} Google model, all pointed at one {@link ProviderStandIn} on
 * 127.0.0.1 (OpenAI on {@code /v1/chat/completions}, Anthropic on {@code /v1/messages}, Gemini on
 * {@code /v1/models/...}), plus a small message limit. The configuration
 * reaches the app as system properties, so the same resource serves {@code @QuarkusTest} and the packaged app of
 * {@code @QuarkusIntegrationTest}. Tests get the stand-in in a field annotated {@link StandIn}.
 */
public class StandInModels extends StandInResource {

    /** The OpenAI key the function is configured with: tests check it reaches the provider and never the client. */
    public static final String OPENAI_KEY = "sk-test-openai-K8v3Qw1Zr5";
    public static final String ANTHROPIC_KEY = "sk-ant-test-R2m7Jd4Xp9";
    public static final String GOOGLE_KEY = "AIzaTest-G7n2Vb5Qs8";
    public static final int MAX_MESSAGES = 20;
    /** The default {@code chat-functions.max-body-size}, 4M. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    @Override
    Map<String, String> configuration(ProviderStandIn standIn) {
        return new StandInConfig(standIn)
                .defaultModel(OPENAI_KEY)
                .with("quarkus.chat-models.model", "openai:gpt-4o-mini")
                .model("claude", ANTHROPIC_KEY)
                .with("quarkus.chat-models.claude.model", "anthropic:claude-sonnet-4-5")
                .model("gemini", GOOGLE_KEY)
                .with("quarkus.chat-models.gemini.model", "google:gemini-2.5-flash")
                // Far beyond any test's wait, so only a cancelled call closes a stalled stream.
                .with("quarkus.chat-models.stream-idle-timeout", "10m")
                .with("chat-functions.max-messages", Integer.toString(MAX_MESSAGES))
                // short enough for a test to wait for, long enough for a 4 MB body on a busy machine
                .with("chat-functions.body-timeout", "10s")
                .with("chat-functions.max-body-size", Integer.toString(MAX_BODY_BYTES))
                .properties();
    }
}
