package dev.chatmodels.it;

import java.util.Map;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.usage.UsageMetadata;

/** An answer as the endpoints return it; the finish reason is the normalised one ({@code stop}, {@code tool_calls}...). */
public record MessageView(String text, String reasoning, UsageMetadata usage, String modelName, String finishReason,
        String id, Map<String, Object> metadata) {

    public static MessageView of(AIMessage message) {
        return new MessageView(message.text(), message.reasoning(), message.usage(), message.modelName(),
                message.finishReason() == null ? null : message.finishReason().value(), message.id(),
                message.responseMetadata());
    }
}
