package dev.chatmodels.transport;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Reads newline-delimited JSON ({@code application/x-ndjson}): each non-blank line is one event, decoded once. */
public final class NdjsonDeframer extends LineDeframer {

    @Override
    void line(ByteBuffer bytes, int start, int end, Consumer<StreamEvent> events) {
        String line = text(bytes, start, end);
        if (!line.isBlank()) {
            events.accept(new StreamEvent(null, line));
        }
    }
}
