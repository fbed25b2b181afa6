package dev.chatmodels.model;

import java.util.Collection;
import java.util.Map;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.PlainTextBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.ServerToolCallChunk;
import dev.chatmodels.message.content.ServerToolResult;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.message.content.ToolCallChunk;

/**
 * Whether a request carries enough text that encoding it is worth moving off a thread that must not block. Counts
 * the characters of the messages' text, data, reasoning and tool-call arguments, and stops as soon as the count
 * reaches the threshold, so that the check itself stays cheap whatever the request holds.
 */
final class RequestSize {

    /** Characters of content from which a request is large: encoding it takes long enough to stall an event loop. */
    static final int LARGE = 32 * 1024;

    private long characters;

    private RequestSize() {
    }

    static boolean isLarge(ChatRequest request) {
        RequestSize size = new RequestSize();
        for (Message message : request.messages()) {
            if (size.addAll(message.content())
                    || message instanceof AIMessage ai && (size.addAll(ai.toolCalls()) || size.addAll(ai.invalidToolCalls()))) {
                return true;
            }
        }
        return false;
    }

    private boolean addAll(Collection<? extends ContentBlock> blocks) {
        for (ContentBlock block : blocks) {
            if (add(block)) {
                return true;
            }
        }
        return false;
    }

    /** Adds a block's characters; {@code true} once the request is known to be large. */
    private boolean add(ContentBlock block) {
        if (block instanceof TextBlock text) {
            return add(text.text());
        }
        if (block instanceof PlainTextBlock text) {
            return add(text.text());
        }
        if (block instanceof ReasoningBlock reasoning) {
            return add(reasoning.reasoning());
        }
        if (block instanceof DataBlock data) {
            return add(data.base64()) || add(data.url());
        }
        if (block instanceof InvalidToolCall call) {
            return add(call.args());
        }
        if (block instanceof ToolCallChunk chunk) {
            return add(chunk.args());
        }
        if (block instanceof ServerToolCallChunk chunk) {
            return add(chunk.args());
        }
        if (block instanceof ToolCall call) {
            return addValue(call.args());
        }
        if (block instanceof ServerToolCall call) {
            return addValue(call.args());
        }
        if (block instanceof ServerToolResult result) {
            return addValue(result.output());
        }
        return block instanceof NonStandardBlock other && addValue(other.value());
    }

    private boolean addValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (addValue(entry.getKey()) || addValue(entry.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (addValue(item)) {
                    return true;
                }
            }
            return false;
        }
        return value instanceof CharSequence text && add(text.toString());
    }

    private boolean add(String text) {
        characters += text == null ? 0 : text.length();
        return characters >= LARGE;
    }
}
