package dev.chatmodels.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration that points an application's models at a {@link ProviderStandIn}: each model's {@code base-url}
 * (the stand-in's {@code /v1}, where it plays both OpenAI and Anthropic), its {@code api-key}, and no retries, since
 * each test scripts exactly the replies its calls get. Plain properties, for a test resource to hand to the
 * application.
 *
 * <pre>
 * Map&lt;String, String&gt; config = new StandInConfig(standIn)
 *         .defaultModel(OPENAI_KEY)
 *         .model("claude", ANTHROPIC_KEY)
 *         .properties();
 * </pre>
 */
public final class StandInConfig {

    private static final String PREFIX = "quarkus.chat-models.";

    private final String baseUrl;
    private final Map<String, String> properties = new LinkedHashMap<>();

    public StandInConfig(ProviderStandIn standIn) {
        this.baseUrl = standIn.baseUrl() + "/v1";
    }

    /** Points the default model ({@code quarkus.chat-models.*}) at the stand-in, with this API key. */
    public StandInConfig defaultModel(String apiKey) {
        return pointAtStandIn(PREFIX, apiKey);
    }

    /** Points the model {@code name} ({@code quarkus.chat-models.<name>.*}) at the stand-in, with this API key. */
    public StandInConfig model(String name, String apiKey) {
        return pointAtStandIn(PREFIX + name + ".", apiKey);
    }

    /** Adds another property, such as a model reference or a limit of the application. */
    public StandInConfig with(String name, String value) {
        properties.put(name, value);
        return this;
    }

    /** The properties so far. */
    public Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    private StandInConfig pointAtStandIn(String prefix, String apiKey) {
        properties.put(prefix + "base-url", baseUrl);
        properties.put(prefix + "api-key", apiKey);
        properties.put(prefix + "max-retries", "0");
        return this;
    }
}
