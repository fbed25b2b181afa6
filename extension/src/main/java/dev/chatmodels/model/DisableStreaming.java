package dev.chatmodels.model;

/**
 * When a model's {@code stream} calls make one ordinary request instead and emit its answer as a single chunk (the
 * same message {@code invoke} returns, usage included): for a gateway or model that cannot stream, or cannot stream
 * tool calls.
 */
public enum DisableStreaming {

    /** Never: {@code stream} streams. */
    FALSE,
    /** Always. */
    TRUE,
    /** While tools are bound (including a structured output bound as a tool). */
    TOOL_CALLING;

    /** Whether a model with these bindings answers {@code stream} with one request. */
    public boolean appliesTo(Bindings bindings) {
        return this == TRUE || this == TOOL_CALLING && !bindings.tools().isEmpty();
    }
}
