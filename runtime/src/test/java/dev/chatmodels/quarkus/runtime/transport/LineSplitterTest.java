package dev.chatmodels.quarkus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class LineSplitterTest {

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
    void readsBuffersThatAreSlicesOfLargerOnes() {
        Buffer whole = Buffer.buffer("xxone\ntwo\r\nyy");
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = splitter(lines);
        splitter.feed(whole.slice(2, 11));
        splitter.end();
        assertEquals(List.of("one", "two"), lines);
    }

    private static List<String> split(byte[]... buffers) {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = splitter(lines);
        for (byte[] buffer : buffers) {
            splitter.feed(Buffer.buffer(buffer));
        }
        splitter.end();
        return lines;
    }

    private static LineSplitter splitter(List<String> lines) {
        return new LineSplitter((bytes, start, end) -> lines.add(bytes.toString(start, end - start,
                StandardCharsets.UTF_8)));
    }
}
