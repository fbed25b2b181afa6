package dev.chatmodels.it;

import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.usage.UsageMetadata;

/** One streamed chunk as a server-sent event: its text and the usage it carries, if any. */
public record ChunkView(String text, UsageMetadata usage) {

    public static ChunkView of(AIMessageChunk chunk) {
        return new ChunkView(chunk.text(), chunk.usage());
    }
}
