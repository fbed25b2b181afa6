package dev.chatmodels.functions.openai;

import dev.chatmodels.message.FinishReason;

/** The {@code finish_reason} of an OpenAI answer for a model's normalised {@link FinishReason}. */
public final class OpenAiFinishReason {

    private OpenAiFinishReason() {
    }

    /**
     * OpenAI's word for {@code reason} ({@code stop}, {@code length}, {@code tool_calls}, {@code content_filter}); when
     * the model gave none or one OpenAI has no word for, {@code tool_calls} if the answer calls tools, else {@code stop}.
     */
    public static String of(FinishReason reason, boolean callsTools) {
        if (reason == null || reason == FinishReason.OTHER || reason == FinishReason.ERROR) {
            return (callsTools ? FinishReason.TOOL_CALLS : FinishReason.STOP).value();
        }
        return reason.value();
    }
}
