package dev.chatmodels.message.content;

/**
 * One typed block of message content: the provider-neutral standard blocks (text, reasoning, data, tool calls,
 * server tool calls and results) plus {@link NonStandardBlock} for anything a provider returns that has no
 * standard shape.
 * <p>
 * Blocks that carry an {@code index} come from streams: {@code AIMessageChunk#concat} merges blocks with the same
 * index, and appends blocks without one.
 */
public sealed interface ContentBlock permits TextBlock, ReasoningBlock, DataBlock, PlainTextBlock, ToolCall,
        ToolCallChunk, InvalidToolCall, ServerToolCall, ServerToolCallChunk, ServerToolResult, NonStandardBlock {

    /** The block's type as it appears in the {@code type} field of its JSON form, e.g. {@code "text"}. */
    String type();

    /** The stream index of this block, or {@code null} outside streams. */
    default Integer index() {
        return null;
    }
}
