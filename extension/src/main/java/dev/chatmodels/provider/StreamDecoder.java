package dev.chatmodels.provider;

import java.util.List;

import dev.chatmodels.error.ProviderException;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.transport.StreamEvent;

/** Turns the events of one stream into chunks. Not thread-safe: one instance per stream, fed in order. */
public interface StreamDecoder {

    /**
     * The chunks one event stands for: none for pings and bookkeeping events.
     *
     * @throws ProviderException when the event is an error event
     */
    List<AIMessageChunk> decode(StreamEvent event);

    /** Whether the stream's final event has been seen; events after it are ignored. */
    boolean isComplete();
}
