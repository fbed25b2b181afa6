package dev.chatmodels.message;

import java.util.Locale;
import java.util.Map;

/**
 * Why a model stopped, the same words for every provider. {@link ResponseMetadata#FINISH_REASON} holds its
 * {@link #value()}; the provider's own word is kept under {@link ResponseMetadata#PROVIDER_FINISH_REASON}.
 */
public enum FinishReason {
    /** The answer is complete (OpenAI {@code stop}, Anthropic {@code end_turn}/{@code stop_sequence}, Gemini {@code STOP}). */
    STOP,
    /** The output token limit cut the answer ({@code length}, {@code max_tokens}, {@code MAX_TOKENS}). */
    LENGTH,
    /** The model asks for tool calls ({@code tool_calls}, {@code tool_use}). */
    TOOL_CALLS,
    /** A safety or content filter stopped the answer ({@code content_filter}, {@code SAFETY}, {@code refusal}...). */
    CONTENT_FILTER,
    /** The provider reported an error while generating ({@code MALFORMED_FUNCTION_CALL}...). */
    ERROR,
    /** A reason with no standard equivalent; the provider's word is in the metadata. */
    OTHER;

    /** The word in response metadata and in the functions' OpenAI answers: {@code stop}, {@code tool_calls}... */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason whose {@link #value()} is {@code value}; {@code null} for none, {@link #OTHER} for an unknown word. */
    public static FinishReason ofValue(String value) {
        if (value == null) {
            return null;
        }
        for (FinishReason reason : values()) {
            if (reason.value().equals(value)) {
                return reason;
            }
        }
        return OTHER;
    }

    /**
     * Records a provider's reason in response metadata: the normalised value under
     * {@link ResponseMetadata#FINISH_REASON}, the provider's word under {@link ResponseMetadata#PROVIDER_FINISH_REASON}.
     * Nothing when the provider gave none.
     */
    public static void put(Map<String, Object> metadata, String providerReason, FinishReason normalised) {
        if (providerReason != null) {
            metadata.put(ResponseMetadata.FINISH_REASON, normalised.value());
            metadata.put(ResponseMetadata.PROVIDER_FINISH_REASON, providerReason);
        }
    }
}
