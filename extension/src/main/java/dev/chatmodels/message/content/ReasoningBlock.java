package dev.chatmodels.message.content;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's reasoning ("thinking"). Provider-specific fields needed to send the block back (Anthropic's
 * {@code signature}, redacted {@code data}, OpenAI's encrypted content) are kept in {@code extras}.
 */
public record ReasoningBlock(String reasoning, Map<String, Object> extras, Integer index, String id) implements ContentBlock {

    public ReasoningBlock {
        reasoning = reasoning == null ? "" : reasoning;
        // not Map.copyOf: provider fields may be null
        extras = extras == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    public static ReasoningBlock of(String reasoning) {
        return new ReasoningBlock(reasoning, Map.of(), null, null);
    }

    @Override
    public String type() {
        return "reasoning";
    }
}
