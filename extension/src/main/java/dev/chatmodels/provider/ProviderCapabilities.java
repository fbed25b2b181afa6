package dev.chatmodels.provider;

/**
 * What a provider's API can do, asked instead of provider names (the default structured-output method, what the
 * functions may forward).
 *
 * @param nativeJsonSchema the API constrains output to a JSON schema itself (OpenAI {@code json_schema}, Gemini
 *        {@code responseJsonSchema}); without it structured output goes through a forced tool call
 * @param forcedToolChoice the API can force a call of one named tool
 * @param parallelToolCalls the model may ask for several tool calls in one answer
 * @param streamedUsage a stream reports token usage
 */
public record ProviderCapabilities(boolean nativeJsonSchema, boolean forcedToolChoice, boolean parallelToolCalls,
        boolean streamedUsage) {

    /** OpenAI Chat Completions and the APIs compatible with it. */
    public static final ProviderCapabilities OPENAI_COMPATIBLE = new ProviderCapabilities(true, true, true, true);
}
