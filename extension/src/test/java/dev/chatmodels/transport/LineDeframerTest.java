package dev.chatmodels.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/** The line splitting of SSE and NDJSON, on heap and direct buffers. */
class LineDeframerTest {

    private static final String TEXT = "first ✓ line\r\nsecond é\n\r\nthird 😀\rfourth\r\rlast without end";
    private static final List<String> LINES = List.of("first ✓ line", "second é", "", "third 😀", "fourth", "",
            "last without end");

    @Test
    void splitsLinesEndingInLfCrLfOrCr() {
        assertEquals(LINES, split(TEXT.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("a", "b"), split("a\nb\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), split(new byte[0]));
    }

    @Test
    void splitsTheSameWhereverTheBuffersSplitTheText() {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        // every split point: between CR and LF, inside multi-byte characters, right after a line end
        for (int split = 0; split <= bytes.length; split++) {
            assertEquals(LINES, split(Arrays.copyOfRange(bytes, 0, split), Arrays.copyOfRange(bytes, split, bytes.length)),
                    "split at " + split);
        }
        for (int first = 1; first < bytes.length; first++) {
            for (int second = first + 1; second < bytes.length; second++) {
                assertEquals(LINES, split(Arrays.copyOfRange(bytes, 0, first), Arrays.copyOfRange(bytes, first, second),
                        Arrays.copyOfRange(bytes, second, bytes.length)), "split at " + first + " and " + second);
            }
        }
        byte[][] byteByByte = new byte[bytes.length][];
        for (int i = 0; i < bytes.length; i++) {
            byteByByte[i] = new byte[] { bytes[i] };
        }
        assertEquals(LINES, split(byteByByte));
    }

    @Test
    void readsBuffersFromTheirPositionToTheirLimit() {
        for (ByteBuffer whole : List.of(ByteBuffer.wrap(bytes("xxone\ntwo\r\nyy")), direct(bytes("xxone\ntwo\r\nyy")))) {
            List<String> lines = new ArrayList<>();
            LineDeframer deframer = deframer(lines);
            whole.position(2).limit(11);
            deframer.feed(whole, NO_EVENTS);
            deframer.end(NO_EVENTS);
            assertEquals(List.of("one", "two"), lines);
            assertEquals(11, whole.position(), "the bytes are consumed");
        }
        List<String> lines = new ArrayList<>();
        deframer(lines).feed(ByteBuffer.wrap(bytes("xxone\ntwo\nyy"), 2, 8).slice(), NO_EVENTS);
        assertEquals(List.of("one", "two"), lines);
    }

    private static final Consumer<StreamEvent> NO_EVENTS = event -> {
    };

    private static List<String> split(byte[]... buffers) {
        List<String> heap = new ArrayList<>();
        List<String> offHeap = new ArrayList<>();
        LineDeframer onHeapDeframer = deframer(heap);
        LineDeframer offHeapDeframer = deframer(offHeap);
        for (byte[] buffer : buffers) {
            onHeapDeframer.feed(ByteBuffer.wrap(buffer), NO_EVENTS);
            offHeapDeframer.feed(direct(buffer), NO_EVENTS);
        }
        onHeapDeframer.end(NO_EVENTS);
        offHeapDeframer.end(NO_EVENTS);
        assertEquals(heap, offHeap, "heap and direct buffers split the same");
        return heap;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A direct buffer, as a network connection's, with these bytes. */
    static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private static LineDeframer deframer(List<String> lines) {
        return new LineDeframer() {
            @Override
            void line(ByteBuffer bytes, int start, int end, Consumer<StreamEvent> events) {
                lines.add(text(bytes, start, end));
            }
        };
    }
}
