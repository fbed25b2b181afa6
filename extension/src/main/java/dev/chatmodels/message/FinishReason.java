package dev.chatmodels.message;

import java.util.Locale;

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
}
