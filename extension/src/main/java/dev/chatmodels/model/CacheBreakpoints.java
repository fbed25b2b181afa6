package dev.chatmodels.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.CacheControl;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.TextBlock;

/** Marks the blocks that end a cached prefix, for {@link CachePoint}s: at most two messages are copied. */
final class CacheBreakpoints {

    private CacheBreakpoints() {
    }

    static List<Message> place(Set<CachePoint> points, List<? extends Message> messages) {
        List<Message> marked = new ArrayList<>(messages);
        if (points.contains(CachePoint.SYSTEM)) {
            markLast(marked, true);
        }
        if (points.contains(CachePoint.MESSAGES)) {
            markLast(marked, false);
        }
        return marked;
    }

    /** Marks the last text or data block of the last system message, or of the last other message. */
    private static void markLast(List<Message> messages, boolean system) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message message = messages.get(i);
            if (message instanceof SystemMessage == system) {
                List<ContentBlock> content = new ArrayList<>(message.content());
                for (int j = content.size() - 1; j >= 0; j--) {
                    ContentBlock block = content.get(j);
                    if (block instanceof TextBlock text) {
                        content.set(j, text.withExtras(CacheControl.EPHEMERAL));
                        messages.set(i, withContent(message, content));
                        return;
                    }
                    if (block instanceof DataBlock data) {
                        content.set(j, data.withExtras(CacheControl.EPHEMERAL));
                        messages.set(i, withContent(message, content));
                        return;
                    }
                }
                return;
            }
        }
    }

    private static Message withContent(Message message, List<ContentBlock> content) {
        if (message instanceof SystemMessage system) {
            return new SystemMessage(content, system.id());
        }
        if (message instanceof HumanMessage human) {
            return new HumanMessage(content, human.id());
        }
        if (message instanceof ToolMessage tool) {
            return new ToolMessage(content, tool.toolCallId(), tool.status(), tool.name(), tool.id());
        }
        AIMessage ai = (AIMessage) message;
        return new AIMessage(content, ai.toolCalls(), ai.invalidToolCalls(), ai.usage(), ai.responseMetadata(), ai.id());
    }
}
