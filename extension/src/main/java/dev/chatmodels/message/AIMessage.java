package dev.chatmodels.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.usage.UsageMetadata;

/**
 * A model's answer: content blocks, the client-side tool calls it requests (valid and invalid), token usage and
 * response metadata ({@link ResponseMetadata} names the standard keys).
 */
public record AIMessage(List<ContentBlock> content, List<ToolCall> toolCalls, List<InvalidToolCall> invalidToolCalls,
        UsageMetadata usage, Map<String, Object> responseMetadata, String id) implements Message {

    public AIMessage {
        content = content == null ? List.of() : List.copyOf(content);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        invalidToolCalls = invalidToolCalls == null ? List.of() : List.copyOf(invalidToolCalls);
        // a copy: the caller's map may change later, and provider metadata may hold nulls (no Map.copyOf)
        responseMetadata = responseMetadata == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(responseMetadata));
    }

    public static AIMessage of(String text) {
        return new AIMessage(Message.textContent(text), List.of(), List.of(), null, Map.of(), null);
    }

    public static AIMessage ofToolCalls(List<ToolCall> toolCalls) {
        return new AIMessage(List.of(), toolCalls, List.of(), null, Map.of(), null);
    }

    @Override
    public Role role() {
        return Role.AI;
    }

    /**
     * Every block of this message in standard form: reasoning first, then the other content in order, then the tool
     * calls and invalid tool calls that the content does not already hold.
     */
    public List<ContentBlock> contentBlocks() {
        List<ContentBlock> blocks = new ArrayList<>();
        content.stream().filter(ReasoningBlock.class::isInstance).forEach(blocks::add);
        content.stream().filter(b -> !(b instanceof ReasoningBlock)).forEach(blocks::add);
        toolCalls.stream().filter(c -> !content.contains(c)).forEach(blocks::add);
        invalidToolCalls.stream().filter(c -> !content.contains(c)).forEach(blocks::add);
        return List.copyOf(blocks);
    }

    /** The concatenated reasoning text, empty when the model did not reason or the provider hides it. */
    public String reasoning() {
        StringBuilder text = new StringBuilder();
        content.stream().filter(ReasoningBlock.class::isInstance).forEach(b -> text.append(((ReasoningBlock) b).reasoning()));
        return text.toString();
    }

    public String modelName() {
        return (String) responseMetadata.get(ResponseMetadata.MODEL_NAME);
    }

    /** Why the model stopped, the same for every provider; {@code null} when it did not say. */
    public FinishReason finishReason() {
        return FinishReason.ofValue((String) responseMetadata.get(ResponseMetadata.FINISH_REASON));
    }

    public AIMessage withResponseMetadata(Map<String, Object> metadata) {
        return new AIMessage(content, toolCalls, invalidToolCalls, usage, metadata, id);
    }
}
