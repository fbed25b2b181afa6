package dev.chatmodels.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseDeframerTest {

    @Test
    void readsNamedAndUnnamedEvents() {
        assertEquals(List.of(new StreamEvent("message_start", "{\"a\":1}"), new StreamEvent(null, "[DONE]")),
                parse("event: message_start\ndata: {\"a\":1}\n\ndata:[DONE]\n\n"));
    }

    @Test
    void joinsTheLinesOfMultiLineDataWithNewlines() {
        assertEquals(List.of(new StreamEvent(null, "first\n second\n\nlast")),
                parse("data: first\ndata:  second\ndata:\ndata: last\n\n"));
    }

    @Test
    void skipsCommentsIdsRetriesAndEventsWithoutData() {
        assertEquals(List.of(new StreamEvent(null, "x")),
                parse(": keep-alive\n\nid: 7\nretry: 1000\nevent: ping\n\n:comment\ndata: x\nid: 8\n\n"));
    }

    @Test
    void acceptsCrLfAndCrLineEnds() {
        List<StreamEvent> expected = List.of(new StreamEvent("a", "1\n2"), new StreamEvent(null, "3"));
        assertEquals(expected, parse("event: a\r\ndata: 1\r\ndata: 2\r\n\r\ndata: 3\r\n\r\n"));
        assertEquals(expected, parse("event: a\rdata: 1\rdata: 2\r\rdata: 3\r\r"));
    }

    @Test
    void readsEventsSplitAnywhereAcrossBuffers() {
        String stream = "event: delta\r\ndata: {\"text\":\"héllo ✓\"}\r\n\r\n: ping\r\ndata: a\r\ndata: b\r\n\r\n";
        List<StreamEvent> expected = List.of(new StreamEvent("delta", "{\"text\":\"héllo ✓\"}"),
                new StreamEvent(null, "a\nb"));
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        // every split point, CR|LF and the bytes of multi-byte characters included
        for (int split = 1; split < bytes.length; split++) {
            assertEquals(expected, parse(slice(bytes, 0, split), slice(bytes, split, bytes.length)), "split at " + split);
        }
        List<ByteBuffer> byteByByte = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            byteByByte.add(slice(bytes, i, i + 1));
        }
        assertEquals(expected, parse(byteByByte.toArray(ByteBuffer[]::new)));
    }

    @Test
    void dropsAnEventTheStreamEndsBeforeItsBlankLine() {
        assertEquals(List.of(new StreamEvent(null, "whole")), parse("data: whole\n\ndata: cut"));
        assertEquals(List.of(new StreamEvent(null, "whole")), parse("data: whole\n\ndata: cut\n"));
    }

    @Test
    void ignoresAByteOrderMarkAtTheStart() {
        assertEquals(List.of(new StreamEvent(null, "x")), parse("\uFEFFdata: x\n\n"));
        assertEquals(List.of(new StreamEvent(null, "x")), parse("\uFEFF\ndata: x\n\n"));
    }

    @Test
    void readsFieldsWithoutValueOrSpaceAndIgnoresFieldsThatOnlyStartLikeKnownOnes() {
        assertEquals(List.of(new StreamEvent(null, "\n1")),
                parse("data\ndatax: no\nevents: no\ndata:1\n\nevent\n\n"));
    }

    private static List<StreamEvent> parse(String stream) {
        return parse(LineDeframerTest.direct(stream.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<StreamEvent> parse(ByteBuffer... buffers) {
        List<StreamEvent> events = new ArrayList<>();
        SseDeframer deframer = new SseDeframer();
        for (ByteBuffer buffer : buffers) {
            deframer.feed(buffer, events::add);
        }
        deframer.end(events::add);
        return events;
    }

    private static ByteBuffer slice(byte[] bytes, int from, int to) {
        return ByteBuffer.wrap(bytes, from, to - from);
    }
}
