package dev.chatmodels.testing;

import java.util.ArrayList;
import java.util.List;

import dev.chatmodels.transport.StreamEvent;

/**
 * Splits recorded server-sent-event text into {@link StreamEvent}s the way the SSE specification (WHATWG HTML,
 * "event stream interpretation") does: {@code event:} and {@code data:} fields, a blank line ends an event, lines
 * starting with {@code :} are comments, several {@code data:} lines join with {@code \n}, and an event with no data
 * or left unfinished at the end of the text is not dispatched.
 */
public final class SseFixtures {

    private SseFixtures() {
    }

    /** The events of the recorded stream {@code fixtures/<provider>/<file>}. */
    public static List<StreamEvent> events(String provider, String file) {
        return parse(Fixtures.read(provider, file));
    }

    /** The events of raw SSE text. */
    public static List<StreamEvent> parse(String text) {
        List<StreamEvent> events = new ArrayList<>();
        String eventName = null;
        StringBuilder data = null;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new StreamEvent(eventName, data.toString()));
                }
                eventName = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                eventName = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return events;
    }
}
