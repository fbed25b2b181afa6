package dev.chatmodels.quarkus.runtime.transport;

import java.util.function.Consumer;

import dev.chatmodels.transport.StreamEvent;

/**
 * Reads server-sent events from the lines of a {@code text/event-stream} answer (split by a {@link LineSplitter}),
 * following the event stream
 * interpretation of the HTML standard: {@code event} and {@code data} fields, the lines of a multi-line {@code data}
 * joined with {@code \n}, a blank line ending each event, comment lines (starting with {@code :}) skipped. Events
 * without data are not delivered, nor is an event the answer ends before its blank line. {@code id} and {@code retry}
 * only serve to reconnect, which a POSTed stream never does: they are read and ignored.
 */
final class SseParser {

    private final Consumer<StreamEvent> events;
    private final StringBuilder data = new StringBuilder();
    private String event;
    private boolean hasData;
    private boolean firstLine = true;

    SseParser(Consumer<StreamEvent> events) {
        this.events = events;
    }

    /** Reads the next line of the answer, without its line end; a blank line delivers the event it ends. */
    void line(String line) {
        if (firstLine) {
            firstLine = false;
            // the stream may start with a byte order mark
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
        }
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        int valueStart = colon < 0 ? line.length() : colon + 1;
        if (valueStart < line.length() && line.charAt(valueStart) == ' ') {
            valueStart++;
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(line, valueStart, line.length());
                hasData = true;
            }
            case "event" -> event = line.substring(valueStart);
            default -> {
                // id, retry and unknown fields
            }
        }
    }

    private void dispatch() {
        if (hasData && !data.isEmpty()) {
            events.accept(new StreamEvent(event == null || event.isEmpty() ? null : event, data.toString()));
        }
        data.setLength(0);
        hasData = false;
        event = null;
    }
}
