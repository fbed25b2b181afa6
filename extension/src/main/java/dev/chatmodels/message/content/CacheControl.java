package dev.chatmodels.message.content;

import java.util.Map;

/**
 * Prompt-cache breakpoints, portable: a block whose {@code extras} hold {@link #KEY} ends a cached prefix of the
 * prompt. Anthropic gets it as the block's {@code cache_control}; providers that cache implicitly (OpenAI, Gemini)
 * ignore it.
 */
public final class CacheControl {

    /** The extras key, as the reference's messages carry it. */
    public static final String KEY = "cache_control";

    /** A breakpoint with the provider's default lifetime: {@code {"cache_control": {"type": "ephemeral"}}}. */
    public static final Map<String, Object> EPHEMERAL = Map.of(KEY, Map.of("type", "ephemeral"));

    private CacheControl() {
    }
}
