package dev.chatmodels.message.content;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Provider-specific content that has no standard block, kept as it came so it can be sent back. */
public record NonStandardBlock(Map<String, Object> value, Integer index) implements ContentBlock {

    public NonStandardBlock {
        value = value == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(value));
    }

    @Override
    public String type() {
        return "non_standard";
    }
}
