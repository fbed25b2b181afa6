package dev.chatmodels.message;

import java.util.List;

import dev.chatmodels.message.content.ContentBlock;

/** A message from the user: text and multimodal blocks. */
public record HumanMessage(List<ContentBlock> content, String id) implements Message {

    public HumanMessage {
        content = List.copyOf(content);
    }

    public static HumanMessage of(String text) {
        return new HumanMessage(Message.textContent(text), null);
    }

    public static HumanMessage of(ContentBlock... blocks) {
        return new HumanMessage(List.of(blocks), null);
    }

    @Override
    public Role role() {
        return Role.HUMAN;
    }
}
