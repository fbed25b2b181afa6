package dev.chatmodels.model;

import java.util.List;

import dev.chatmodels.message.Message;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.structured.ResponseFormat;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;

/** Everything a codec needs to encode one call: messages, settings, bound tools and response format. */
public record ChatRequest(List<Message> messages, ModelSettings settings, List<ToolSpecification> tools,
        ToolChoice toolChoice, Boolean parallelToolCalls, ResponseFormat responseFormat) {

    public ChatRequest {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("A chat request needs at least one message");
        }
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /**
     * A rough count of the LLM tokens this call uses, what a weighted rate limiter charges: the characters of the
     * messages' text divided by four, plus {@code maxTokens} when set.
     */
    public long estimatedTokens() {
        long characters = 0;
        for (Message message : messages) {
            for (ContentBlock block : message.content()) {
                if (block instanceof TextBlock text) {
                    characters += text.text().length();
                }
            }
        }
        Integer maxTokens = settings == null ? null : settings.maxTokens();
        return characters / 4 + (maxTokens == null ? 0 : maxTokens);
    }

    public static ChatRequest of(List<? extends Message> messages, ModelSettings settings) {
        return new ChatRequest(List.copyOf(messages), settings, List.of(), null, null, null);
    }
}
