package dev.chatmodels.it;

import java.util.Map;

import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.SigV4Verifier;
import dev.chatmodels.testing.StandInConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one {@link ProviderStandIn} on 127.0.0.1 that plays the providers (OpenAI on {@code /v1/chat/completions},
 * Anthropic on {@code /v1/messages}, Gemini on {@code /v1/models/...}, Bedrock under {@value #BEDROCK}, checking
 * signatures) and points the app's models at it. The stand-in runs in the test JVM; the
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

    /** The AWS credentials the app signs its Bedrock requests with, set as the AWS variables in its configuration. */
    public static final String AWS_ACCESS_KEY = "AKIDTESTBEDROCK7Q2L";
    public static final String AWS_SECRET_KEY = "test-secret-bedrock-5Jd8Qw2Nz7Xc";
    public static final String AWS_SESSION_TOKEN = "test-session-bedrock-9Rt4Yu6Io1Pa";
    /** The region of the Bedrock models. */
    public static final String AWS_REGION = "us-east-1";
    /**
     * Where the stand-in plays Bedrock: a base-url override with a path, under which it checks every request's SigV4
     * signature with the test credentials.
     */
    public static final String BEDROCK = "/bedrock";
    /** Where it plays a Bedrock that expects another secret key: every signature is wrong there. */
    public static final String BEDROCK_OTHER_ACCOUNT = "/bedrock-other-account";

    private ProviderStandIn standIn;

    @Override
    public Map<String, String> start() {
        standIn = ProviderStandIn.start()
                .check(new SigV4Verifier(AWS_ACCESS_KEY, AWS_SECRET_KEY, AWS_REGION, "bedrock")
                        .standInCheck(BEDROCK + "/"))
                .check(new SigV4Verifier(AWS_ACCESS_KEY, "the-secret-key-of-another-account", AWS_REGION, "bedrock")
                        .standInCheck(BEDROCK_OTHER_ACCOUNT + "/"));
        return new StandInConfig(standIn)
                .defaultModel(OPENAI_KEY)
                .model("claude", ANTHROPIC_KEY)
                .model("gemini", GOOGLE_KEY)
                .with("quarkus.chat-models.nova.base-url", standIn.baseUrl() + BEDROCK)
                .with("quarkus.chat-models.nova.region", AWS_REGION)
                .with("quarkus.chat-models.nova.max-retries", "0")
                .with("quarkus.chat-models.nova-other-account.base-url", standIn.baseUrl() + BEDROCK_OTHER_ACCOUNT)
                .with("quarkus.chat-models.nova-other-account.region", AWS_REGION)
                .with("quarkus.chat-models.nova-other-account.max-retries", "0")
                .with("AWS_ACCESS_KEY_ID", AWS_ACCESS_KEY)
                .with("AWS_SECRET_ACCESS_KEY", AWS_SECRET_KEY)
                .with("AWS_SESSION_TOKEN", AWS_SESSION_TOKEN)
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
