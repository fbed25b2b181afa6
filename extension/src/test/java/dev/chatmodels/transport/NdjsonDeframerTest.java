package dev.chatmodels.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NdjsonDeframerTest {

    @Test
    void readsEachNonBlankLineAsAnEventWithALastLineWithoutLineEnd() {
        List<StreamEvent> events = new ArrayList<>();
        NdjsonDeframer deframer = new NdjsonDeframer();
        deframer.feed(ByteBuffer.wrap("{\"n\":1}\n{\"n\"".getBytes(StandardCharsets.UTF_8)), events::add);
        deframer.feed(ByteBuffer.wrap(":2}\r\n \n{\"n\":3}".getBytes(StandardCharsets.UTF_8)), events::add);
        deframer.end(events::add);
        assertEquals(List.of(new StreamEvent(null, "{\"n\":1}"), new StreamEvent(null, "{\"n\":2}"),
                new StreamEvent(null, "{\"n\":3}")), events);
    }
}
