package dev.chatmodels.message.content;

import java.util.List;
import java.util.Map;

/**
 * Text, with optional annotations such as citations ({@code url}, {@code title}, {@code start_index},
 * {@code end_index}, {@code cited_text}).
 */
public record TextBlock(String text, List<Map<String, Object>> annotations, Integer index, String id)
        implements
            ContentBlock {

    public TextBlock {
        text = text == null ? "" : text;
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    public static TextBlock of(String text) {
        return new TextBlock(text, List.of(), null, null);
    }

    public static TextBlock indexed(String text, int index) {
        return new TextBlock(text, List.of(), index, null);
    }

    @Override
    public String type() {
        return "text";
    }
}
