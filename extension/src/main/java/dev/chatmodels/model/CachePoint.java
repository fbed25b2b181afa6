package dev.chatmodels.model;

/**
 * Where a model places prompt-cache breakpoints on its own (the {@code cache-points} setting), like the reference's
 * prompt-caching middleware: providers with explicit caching (Anthropic, Bedrock) cache the prompt up to each one.
 */
public enum CachePoint {
    /** After the system instructions: their last block. */
    SYSTEM,
    /** After the conversation so far: the last block of the last message, so the next call reads it from the cache. */
    MESSAGES
}
