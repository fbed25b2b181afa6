package dev.chatmodels.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads server-sent events ({@code text/event-stream}) following the event stream interpretation of the HTML standard:
 * {@code event} and {@code data} fields, the lines of a multi-line {@code data} joined with {@code \n}, a blank line
 * ending each event, comment lines (starting with {@code :}) skipped. Events without data are not delivered, nor is an
 * event the body ends before its blank line. {@code id} and {@code retry} only serve to reconnect, which a POSTed
 * stream never does: they are ignored.
 * <p>
 * Field names are matched on the bytes; only field values are decoded, each once: the usual one-line {@code data} is
 * delivered as decoded, without copying.
 */
public final class SseDeframer extends LineDeframer {

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    private String event;
    /** The data of the event so far, when it has one line; {@code null} before its first data line. */
    private String data;
    /** The data of the event so far, when it has more than one line. */
    private StringBuilder lines;
    private boolean firstLine = true;

    @Override
    void line(ByteBuffer bytes, int start, int end, Consumer<StreamEvent> events) {
        if (firstLine) {
            firstLine = false;
            // the stream may start with a byte order mark
            if (startsWith(bytes, start, end, BYTE_ORDER_MARK)) {
                start += BYTE_ORDER_MARK.length;
            }
        }
        if (start == end) {
            dispatch(events);
            return;
        }
        if (bytes.get(start) == ':') {
            return;
        }
        int colon = indexOf(bytes, start, end, (byte) ':');
        int fieldEnd = colon < 0 ? end : colon;
        int valueStart = colon < 0 ? end : colon + 1;
        if (valueStart < end && bytes.get(valueStart) == ' ') {
            valueStart++;
        }
        if (isField(bytes, start, fieldEnd, DATA)) {
            data(text(bytes, valueStart, end));
        } else if (isField(bytes, start, fieldEnd, EVENT)) {
            event = text(bytes, valueStart, end);
        }
        // id, retry and unknown fields are ignored
    }

    private void data(String value) {
        if (data == null && lines == null) {
            data = value;
        } else {
            if (lines == null) {
                lines = new StringBuilder(data);
                data = null;
            }
            lines.append('\n').append(value);
        }
    }

    private void dispatch(Consumer<StreamEvent> events) {
        String value = lines != null ? lines.toString() : data;
        if (value != null && !value.isEmpty()) {
            events.accept(new StreamEvent(event == null || event.isEmpty() ? null : event, value));
        }
        data = null;
        lines = null;
        event = null;
    }

    private static int indexOf(ByteBuffer bytes, int start, int end, byte value) {
        for (int i = start; i < end; i++) {
            if (bytes.get(i) == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isField(ByteBuffer bytes, int start, int end, byte[] name) {
        return end - start == name.length && startsWith(bytes, start, end, name);
    }

    private static boolean startsWith(ByteBuffer bytes, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes.get(start + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
