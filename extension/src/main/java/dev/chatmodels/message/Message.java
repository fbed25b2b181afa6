package dev.chatmodels.message;

import java.util.List;
import java.util.stream.Collectors;

import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.TextBlock;

/**
 * A chat message. Content is a list of typed blocks; a plain string becomes a single {@link TextBlock}.
 * <p>
 * The dictionary form ({@code {"role": "user", "content": "..."}}, OpenAI content parts, standard blocks) is read and
 * written by {@link MessageJson}, and Jackson uses it for this type too.
 */
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = MessageJson.Deserializer.class)
@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = MessageJson.Serializer.class)
public sealed interface Message permits SystemMessage, HumanMessage, AIMessage, ToolMessage {

    Role role();

    List<ContentBlock> content();

    /** The message id, or {@code null}. */
    String id();

    /** The concatenated text of the text blocks. */
    default String text() {
        return content().stream()
                .filter(TextBlock.class::isInstance)
                .map(b -> ((TextBlock) b).text())
                .collect(Collectors.joining());
    }

    static List<ContentBlock> textContent(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(TextBlock.of(text));
    }
}
