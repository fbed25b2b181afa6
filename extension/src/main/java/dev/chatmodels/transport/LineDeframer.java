package dev.chatmodels.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The base of line-framed streams (server-sent events, NDJSON): splits the body into lines ending in LF, CRLF or CR as
 * its bytes arrive, and hands each line over as bytes, so the subclass decodes only what it keeps, once. A line, or a
 * CRLF, may be split across reads: its start is kept until its end arrives, so a character split across reads stays
 * whole. One instance per stream, fed in order: nothing is synchronized.
 */
abstract class LineDeframer implements StreamDeframer {

    /** The start of a line whose end has not arrived yet: {@code partial[0, partialLength)}. */
    private byte[] partial;
    private int partialLength;
    /** The last read ended with a CR: an LF at the start of the next belongs to the same line end. */
    private boolean afterCr;
    /** Bytes of a direct buffer copied to be decoded. */
    private byte[] scratch = new byte[0];

    /**
     * One line: the bytes {@code [start, end)} of {@code bytes} (absolute indexes), without its line end; valid only
     * during the call.
     */
    abstract void line(ByteBuffer bytes, int start, int end, Consumer<StreamEvent> events);

    @Override
    public final void feed(ByteBuffer bytes, Consumer<StreamEvent> events) {
        int start = bytes.position();
        int end = bytes.limit();
        if (afterCr && start < end) {
            afterCr = false;
            if (bytes.get(start) == '\n') {
                start++;
            }
        }
        while (start < end) {
            int lineEnd = lineEnd(bytes, start, end);
            if (lineEnd < 0) {
                break;
            }
            completeLine(bytes, start, lineEnd, events);
            start = lineEnd + 1;
            if (bytes.get(lineEnd) == '\r') {
                if (start == end) {
                    afterCr = true;
                } else if (bytes.get(start) == '\n') {
                    start++;
                }
            }
        }
        if (start < end) {
            keep(bytes, start, end);
        }
        bytes.position(end);
    }

    /** Hands over the last line when the body does not end with a line end. */
    @Override
    public void end(Consumer<StreamEvent> events) {
        if (partialLength > 0) {
            int length = partialLength;
            partialLength = 0;
            line(ByteBuffer.wrap(partial, 0, length), 0, length, events);
        }
    }

    /** The index of the first CR or LF in {@code [start, end)}, or -1. */
    private static int lineEnd(ByteBuffer bytes, int start, int end) {
        if (bytes.hasArray()) {
            // the array itself: no bounds check per byte
            byte[] array = bytes.array();
            int offset = bytes.arrayOffset();
            for (int i = start + offset, last = end + offset; i < last; i++) {
                byte b = array[i];
                if (b == '\n' || b == '\r') {
                    return i - offset;
                }
            }
            return -1;
        }
        for (int i = start; i < end; i++) {
            byte b = bytes.get(i);
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return -1;
    }

    private void completeLine(ByteBuffer bytes, int start, int end, Consumer<StreamEvent> events) {
        if (partialLength == 0) {
            line(bytes, start, end, events);
        } else {
            keep(bytes, start, end);
            int length = partialLength;
            partialLength = 0;
            line(ByteBuffer.wrap(partial, 0, length), 0, length, events);
        }
    }

    private void keep(ByteBuffer bytes, int start, int end) {
        int length = end - start;
        if (partial == null || partial.length < partialLength + length) {
            partial = Arrays.copyOf(partial == null ? new byte[0] : partial,
                    Math.max(partialLength + length, 2 * partialLength));
        }
        bytes.get(start, partial, partialLength, length);
        partialLength += length;
    }

    /** The UTF-8 text of {@code [start, end)}. */
    final String text(ByteBuffer bytes, int start, int end) {
        int length = end - start;
        if (bytes.hasArray()) {
            return new String(bytes.array(), bytes.arrayOffset() + start, length, StandardCharsets.UTF_8);
        }
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, 2 * scratch.length)];
        }
        bytes.get(start, scratch, 0, length);
        return new String(scratch, 0, length, StandardCharsets.UTF_8);
    }
}
