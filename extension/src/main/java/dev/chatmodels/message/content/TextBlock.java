package dev.chatmodels.message.content;

import java.util.List;
import java.util.Map;

/**
 * Text, with optional annotations such as citations ({@code url}, {@code title}, {@code start_index},
 * {@code end_index}, {@code cited_text}).
 *
 * @param extras provider fields the block carries to the provider, the reference's {@code extras}: e.g.
 *        {@code cache_control} (a prompt-cache breakpoint after this block, for Anthropic and Bedrock)
 */
public record TextBlock(String text, List<Map<String, Object>> annotations, Integer index, String id,
        Map<String, Object> extras)
        implements
            ContentBlock {

    public TextBlock {
        text = text == null ? "" : text;
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
        extras = extras == null ? Map.of() : Map.copyOf(extras);
    }

    /** A block without extras. */
    public TextBlock(String text, List<Map<String, Object>> annotations, Integer index, String id) {
        this(text, annotations, index, id, Map.of());
    }

    /** This block with {@code extras} added, e.g. {@code withExtras(CacheControl.EPHEMERAL)}. */
    public TextBlock withExtras(Map<String, Object> more) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(extras);
        all.putAll(more);
        return new TextBlock(text, annotations, index, id, all);
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
