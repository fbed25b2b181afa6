package dev.chatmodels.quarkus.runtime.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
import io.vertx.core.buffer.Buffer;

/**
 * Splits the buffers of a streamed answer into lines ending in LF, CRLF or CR, as they arrive, and hands each line over
 * as bytes: the reader decodes only what it keeps, once. Line ends are found by Netty's bulk scan, not byte by byte. A
 * line, or a CRLF, may be split across buffers: its start is kept until its end arrives, so a character split across
 * buffers stays whole. Used by one response at a time, on its event loop: nothing is synchronized.
 */
final class LineSplitter {

    /** Receives the lines of an answer. */
    interface Lines {

        /** One line: the bytes {@code [start, end)} of {@code bytes}, without its line end; valid only during the call. */
        void line(ByteBuf bytes, int start, int end);
    }

    private final Lines lines;
    /** The start of a line whose end has not arrived yet, or {@code null}. */
    private ByteBuf partial;
    /** The last buffer ended with a CR: an LF at the start of the next belongs to the same line end. */
    private boolean afterCr;

    LineSplitter(Lines lines) {
        this.lines = lines;
    }

    /** Hands every line that {@code buffer} completes to the reader, and keeps the rest for the next buffer. */
    void feed(Buffer buffer) {
        ByteBuf bytes = buffer.getByteBuf();
        int start = bytes.readerIndex();
        int end = bytes.writerIndex();
        if (afterCr && start < end) {
            afterCr = false;
            if (bytes.getByte(start) == '\n') {
                start++;
            }
        }
        while (start < end) {
            int lineEnd = bytes.forEachByte(start, end - start, ByteProcessor.FIND_CRLF);
            if (lineEnd < 0) {
                break;
            }
            line(bytes, start, lineEnd);
            start = lineEnd + 1;
            if (bytes.getByte(lineEnd) == '\r') {
                if (start == end) {
                    afterCr = true;
                } else if (bytes.getByte(start) == '\n') {
                    start++;
                }
            }
        }
        if (start < end) {
            if (partial == null) {
                partial = Unpooled.buffer(end - start);
            }
            partial.writeBytes(bytes, start, end - start);
        }
    }

    /** Hands over the last line when the answer does not end with a line end. */
    void end() {
        if (partial != null) {
            ByteBuf last = partial;
            partial = null;
            lines.line(last, last.readerIndex(), last.writerIndex());
        }
    }

    private void line(ByteBuf bytes, int start, int end) {
        if (partial == null) {
            lines.line(bytes, start, end);
        } else {
            ByteBuf whole = partial.writeBytes(bytes, start, end - start);
            partial = null;
            lines.line(whole, whole.readerIndex(), whole.writerIndex());
        }
    }
}
