package dev.chatmodels.quarkus.runtime;

import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;

/**
 * What the settings of a model are called where the user writes them, so that errors name the setting to fix:
 * configuration properties for a configured model, option names for {@link ChatModels#init}.
 */
public record ModelSettingNames(String model, String provider, String apiKey, String baseUrl, String region,
        String proxy, String logBodyLimit, String profile, String useResponsesApi) {

    /** The options of {@link ChatModels#init}. */
    public static final ModelSettingNames INIT_OPTIONS = new ModelSettingNames("model", "model_provider", "api_key",
            "base_url", "region", "proxy", "log_body_limit", "profile", "use_responses_api");

    /** The properties of the model configured as {@code configuredName} ({@code <default>} for the default model). */
    public static ModelSettingNames of(String configuredName) {
        String prefix = ChatModelsConfig.prefix(configuredName);
        return new ModelSettingNames(prefix + "model", prefix + "provider", prefix + "api-key", prefix + "base-url",
                prefix + "region", prefix + "proxy", prefix + "log-body-limit", prefix + "profile",
                prefix + "use-responses-api");
    }
}
