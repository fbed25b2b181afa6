package dev.chatmodels.quarkus.runtime.transport;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import dev.chatmodels.transport.StreamEvent;
import io.netty.buffer.ByteBuf;

/** Reads newline-delimited JSON: each non-blank line is one event, decoded once. */
final class NdjsonLines implements LineSplitter.Lines {

    private final Consumer<StreamEvent> events;

    NdjsonLines(Consumer<StreamEvent> events) {
        this.events = events;
    }

    @Override
    public void line(ByteBuf bytes, int start, int end) {
        String line = bytes.toString(start, end - start, StandardCharsets.UTF_8);
        if (!line.isBlank()) {
            events.accept(new StreamEvent(null, line));
        }
    }
}
