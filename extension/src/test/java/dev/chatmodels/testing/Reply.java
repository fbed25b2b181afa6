package dev.chatmodels.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One scripted answer of the {@link ProviderStandIn}: a JSON body, a stream sent event by event, or a fault injected at
 * the socket level. Immutable; the {@code header} and delay methods return changed copies.
 *
 * <pre>
 * standIn.enqueue("/v1/chat/completions",
 *         Reply.json(429, rateLimitBody).header("retry-after", "1"),
 *         Reply.sse(recordedStream).eventDelay(Duration.ofMillis(5)));
 * </pre>
 */
public final class Reply {

    /** What goes wrong, if anything, while the reply is sent. */
    enum Fault {
        NONE,
        /** Reset the connection (RST) instead of answering. */
        RESET_BEFORE_RESPONSE,
        /** Send some events, then reset the connection. */
        RESET_AFTER_EVENTS,
        /** Send some events, then send nothing more until the client or the server closes the connection. */
        STALL_AFTER_EVENTS,
        /** Send some events and half of the next one, then end the response properly and close the connection. */
        TRUNCATE_AFTER_EVENTS
    }

    /** Headers a fixture's recorded response had that describe the recorded connection, not the answer. */
    private static final Set<String> CONNECTION_HEADERS = Set.of("content-length", "transfer-encoding", "connection",
            "content-encoding", "keep-alive");

    private final int status;
    private final Map<String, String> headers;
    private final String body;
    /** The stream's events as sent, one HTTP chunk each: text events in UTF-8, binary frames as they are. */
    private final List<byte[]> events;
    private final Duration firstByteDelay;
    private final Duration eventDelay;
    private final Fault fault;
    private final int faultAfterEvents;
    /** Released by the test when the first event has reached it: the rest waits for it, or {@code null}. */
    private final CountDownLatch restAfter;

    private Reply(int status, Map<String, String> headers, String body, List<byte[]> events, Duration firstByteDelay,
            Duration eventDelay, Fault fault, int faultAfterEvents, CountDownLatch restAfter) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.events = events == null ? null : List.copyOf(events);
        this.firstByteDelay = firstByteDelay;
        this.eventDelay = eventDelay;
        this.fault = fault;
        this.faultAfterEvents = faultAfterEvents;
        this.restAfter = restAfter;
    }

    /** A JSON answer, sent with a {@code Content-Length}. */
    public static Reply json(int status, String body) {
        return new Reply(status, Map.of("content-type", "application/json"), body, null, Duration.ZERO, Duration.ZERO,
                Fault.NONE, 0, null);
    }

    /**
     * A server-sent-event stream: the raw text is cut after each blank line and every event is sent as one HTTP chunk,
     * exactly as written.
     */
    public static Reply sse(String rawSse) {
        return stream("text/event-stream", utf8(splitEvents(rawSse)));
    }

    /**
     * An AWS event stream ({@code application/vnd.amazon.eventstream}, Bedrock's ConverseStream): the binary body is cut
     * into its frames, by the total length each frame starts with, and every frame is sent as one HTTP chunk.
     */
    public static Reply eventStream(byte[] body) {
        List<byte[]> frames = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(body);
        while (buffer.remaining() >= Integer.BYTES) {
            byte[] frame = new byte[Math.min(buffer.getInt(buffer.position()), buffer.remaining())];
            buffer.get(frame);
            frames.add(frame);
        }
        return stream("application/vnd.amazon.eventstream", frames);
    }

    /** A newline-delimited JSON stream, one line per HTTP chunk. */
    public static Reply ndjson(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return stream("application/x-ndjson", utf8(lines));
    }

    /** A 200 answer whose body claims to be JSON but is cut off in the middle. */
    public static Reply malformedJson() {
        return json(200, "{\"id\": \"broken-1\", \"object\": \"chat.completion\", \"choices\": [{\"message\": {\"con");
    }

    /** The connection is reset (TCP RST) once the request has been read, before any byte of the answer. */
    public static Reply resetBeforeResponse() {
        return new Reply(0, Map.of(), null, null, Duration.ZERO, Duration.ZERO, Fault.RESET_BEFORE_RESPONSE, 0, null);
    }

    /** The first {@code afterEvents} events of the stream, then a connection reset. */
    public static Reply sseThenReset(String rawSse, int afterEvents) {
        return sse(rawSse).fault(Fault.RESET_AFTER_EVENTS, afterEvents);
    }

    /**
     * The first {@code afterEvents} events of the stream, then silence: the response never ends, until the client
     * closes the connection or the stand-in is closed.
     */
    public static Reply sseThenStall(String rawSse, int afterEvents) {
        return sse(rawSse).fault(Fault.STALL_AFTER_EVENTS, afterEvents);
    }

    /**
     * The first {@code afterEvents} events of the stream and the first half of the next one, then a proper end of the
     * chunked response, and the connection is closed: the stream ends cleanly in the middle of an event.
     */
    public static Reply truncatedSse(String rawSse, int afterEvents) {
        return sse(rawSse).fault(Fault.TRUNCATE_AFTER_EVENTS, afterEvents);
    }

    /**
     * A recorded fixture ({@code fixtures/<provider>/<file>}) as a reply: {@code .sse} files stream, {@code .ndjson}
     * files stream line by line, {@code .eventstream} files stream frame by frame, others are JSON bodies. The status and
     * response headers recorded in the fixture's
     * {@code .meta.json} (when there is one) are replayed too.
     */
    public static Reply fromFixture(String provider, String file) {
        Reply reply;
        if (file.endsWith(".eventstream")) {
            reply = eventStream(Fixtures.bytes(provider, file));
        } else {
            String text = Fixtures.read(provider, file);
            reply = file.endsWith(".sse") ? sse(text) : file.endsWith(".ndjson") ? ndjson(text) : json(200, text);
        }
        int response = file.indexOf(".response.");
        if (response < 0) {
            return reply;
        }
        JsonNode meta;
        try {
            meta = Fixtures.json(provider, file.substring(0, response) + ".meta.json");
        } catch (IllegalArgumentException noMeta) {
            return reply;
        }
        Map<String, String> headers = new LinkedHashMap<>(reply.headers);
        for (Iterator<Map.Entry<String, JsonNode>> fields = meta.path("headers").fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> header = fields.next();
            String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
            if (!CONNECTION_HEADERS.contains(name)) {
                headers.put(name, header.getValue().asText());
            }
        }
        return new Reply(meta.path("status").asInt(reply.status), headers, reply.body, reply.events,
                reply.firstByteDelay, reply.eventDelay, reply.fault, reply.faultAfterEvents, reply.restAfter);
    }

    /** This reply with one more header (a header of the same name is replaced). */
    public Reply header(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return new Reply(status, all, body, events, firstByteDelay, eventDelay, fault, faultAfterEvents, restAfter);
    }

    /** This reply, sent only after {@code delay} has passed (a slow first byte). */
    public Reply delayFirstByte(Duration delay) {
        return new Reply(status, headers, body, events, delay, eventDelay, fault, faultAfterEvents, restAfter);
    }

    /**
     * This stream with its first event sent at once and the rest only when {@code release} is counted down (or after
     * a minute): a test that releases it when the first event has reached it proves the events are relayed as they
     * come, without measuring time.
     */
    public Reply restAfter(CountDownLatch release) {
        return new Reply(status, headers, body, events, firstByteDelay, eventDelay, fault, faultAfterEvents, release);
    }

    /** This stream with a pause of {@code delay} before every event after the first. */
    public Reply eventDelay(Duration delay) {
        return new Reply(status, headers, body, events, firstByteDelay, delay, fault, faultAfterEvents, restAfter);
    }

    private static List<byte[]> utf8(List<String> events) {
        return events.stream().map(event -> event.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static Reply stream(String contentType, List<byte[]> events) {
        return new Reply(200, Map.of("content-type", contentType), null, events, Duration.ZERO, Duration.ZERO,
                Fault.NONE, 0, null);
    }

    private Reply fault(Fault newFault, int afterEvents) {
        if (afterEvents < 0 || afterEvents > events.size()) {
            throw new IllegalArgumentException(
                    "afterEvents must be between 0 and the " + events.size() + " events of the stream, got " + afterEvents);
        }
        return new Reply(status, headers, body, events, firstByteDelay, eventDelay, newFault, afterEvents, restAfter);
    }

    /** Cuts raw SSE text after every blank line ({@code \n\n} or {@code \r\n\r\n}), keeping every character. */
    static List<String> splitEvents(String rawSse) {
        List<String> events = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < rawSse.length()) {
            int end = eventEnd(rawSse, i);
            if (end > 0) {
                events.add(rawSse.substring(start, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < rawSse.length()) {
            events.add(rawSse.substring(start));
        }
        return events;
    }

    /** The index after the blank line starting at {@code i}, or -1. */
    private static int eventEnd(String text, int i) {
        if (text.startsWith("\r\n\r\n", i)) {
            return i + 4;
        }
        if (text.startsWith("\n\n", i)) {
            return i + 2;
        }
        return -1;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    String body() {
        return body;
    }

    /** The events of a stream, or {@code null} for a reply with a body. */
    List<byte[]> events() {
        return events;
    }

    Duration firstByteDelay() {
        return firstByteDelay;
    }

    /** The latch the events after the first wait for, or {@code null}. */
    CountDownLatch restAfter() {
        return restAfter;
    }

    Duration eventDelay() {
        return eventDelay;
    }

    Fault fault() {
        return fault;
    }

    int faultAfterEvents() {
        return faultAfterEvents;
    }

    @Override
    public String toString() {
        return "Reply[" + (fault == Fault.RESET_BEFORE_RESPONSE ? fault
                : status + (events == null ? " body" : " " + events.size() + " events")
                        + (fault == Fault.NONE ? "" : ", " + fault + " after " + faultAfterEvents))
                + "]";
    }
}
