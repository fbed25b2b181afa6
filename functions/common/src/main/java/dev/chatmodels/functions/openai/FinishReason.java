package dev.chatmodels.functions.openai;

/**
 * OpenAI's finish reasons ({@code stop}, {@code length}, {@code tool_calls}, {@code content_filter}) for the reasons
 * providers give in their own words, e.g. Anthropic's {@code end_turn}, {@code max_tokens} and {@code tool_use}.
 */
public final class FinishReason {

    public static final String STOP = "stop";
    public static final String LENGTH = "length";
    public static final String TOOL_CALLS = "tool_calls";
    public static final String CONTENT_FILTER = "content_filter";

    private FinishReason() {
    }

    /**
     * The OpenAI finish reason for a provider's reason; when the provider gave none or one without an OpenAI
     * equivalent, {@code tool_calls} if the answer calls tools, else {@code stop}.
     */
    public static String of(String providerReason, boolean callsTools) {
        String fallback = callsTools ? TOOL_CALLS : STOP;
        if (providerReason == null) {
            return fallback;
        }
        return switch (providerReason) {
            case "stop", "end_turn", "stop_sequence", "pause_turn" -> STOP;
            case "length", "max_tokens", "model_context_window_exceeded" -> LENGTH;
            case "tool_calls", "tool_use", "function_call" -> TOOL_CALLS;
            case "content_filter", "refusal" -> CONTENT_FILTER;
            default -> fallback;
        };
    }
}
