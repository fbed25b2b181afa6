package dev.chatmodels.quarkus.runtime.transport;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;

/**
 * Splits the buffers of a streamed answer into lines ending in LF, CRLF or CR, as they arrive. A line, or a CRLF, may
 * be split across buffers; each line is decoded from UTF-8 once it is whole, so a character split across buffers stays
 * whole. Used by one response at a time, on its event loop: nothing is synchronized.
 */
final class LineSplitter {

    private final Consumer<String> lines;
    /** The start of a line whose end has not arrived yet, or {@code null}. */
    private Buffer partial;
    /** The last byte was a CR: an LF right after it belongs to the same line end. */
    private boolean afterCr;

    LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    /** Hands every line that {@code bytes} completes to the consumer, and keeps the rest for the next buffer. */
    void feed(Buffer bytes) {
        int length = bytes.length();
        int start = 0;
        for (int i = 0; i < length; i++) {
            byte b = bytes.getByte(i);
            if (b == '\n' && afterCr) {
                afterCr = false;
                start = i + 1;
            } else if (b == '\n' || b == '\r') {
                afterCr = b == '\r';
                line(bytes, start, i);
                start = i + 1;
            } else {
                afterCr = false;
            }
        }
        if (start < length) {
            if (partial == null) {
                partial = Buffer.buffer(length - start);
            }
            partial.appendBuffer(bytes, start, length - start);
        }
    }

    /** Hands over the last line when the answer does not end with a line end. */
    void end() {
        if (partial != null) {
            String last = partial.toString(StandardCharsets.UTF_8);
            partial = null;
            lines.accept(last);
        }
    }

    private void line(Buffer bytes, int start, int end) {
        String line;
        if (partial == null) {
            line = bytes.getString(start, end);
        } else {
            partial.appendBuffer(bytes, start, end - start);
            line = partial.toString(StandardCharsets.UTF_8);
            partial = null;
        }
        lines.accept(line);
    }
}
