package dev.chatmodels.message;

import java.util.List;

import dev.chatmodels.message.content.ContentBlock;

/** Instructions for the model. */
public record SystemMessage(List<ContentBlock> content, String id) implements Message {

    public SystemMessage {
        content = List.copyOf(content);
    }

    public static SystemMessage of(String text) {
        return new SystemMessage(Message.textContent(text), null);
    }

    @Override
    public Role role() {
        return Role.SYSTEM;
    }
}
