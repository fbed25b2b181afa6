package dev.chatmodels.transport;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Splits one streamed body into {@link StreamEvent}s as its bytes arrive. Not thread-safe: one instance per stream,
 * fed in order. Linear in the body's size; a frame split across reads is kept until its last byte arrives.
 */
public interface StreamDeframer {

    /**
     * Reads the next bytes of the body, handing every complete event to {@code events}. {@code bytes} is a view of the
     * transport's buffer, valid only during the call: copy what a frame split across reads needs later.
     *
     * @throws RuntimeException when the bytes are no valid frame: the stream fails and its connection closes
     */
    void feed(ByteBuffer bytes, Consumer<StreamEvent> events);

    /**
     * The body ended: hands any event its end completes to {@code events}.
     *
     * @throws IllegalStateException when the body ended inside a frame (a truncated stream)
     */
    void end(Consumer<StreamEvent> events);
}
