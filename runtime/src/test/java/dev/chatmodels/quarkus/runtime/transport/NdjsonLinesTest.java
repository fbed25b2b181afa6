package dev.chatmodels.quarkus.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chatmodels.transport.StreamEvent;
import io.vertx.core.buffer.Buffer;

class NdjsonLinesTest {

    @Test
    void readsEachNonBlankLineAsAnEventWithALastLineWithoutLineEnd() {
        List<StreamEvent> events = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(new NdjsonLines(events::add));
        splitter.feed(Buffer.buffer("{\"n\":1}\n{\"n\""));
        splitter.feed(Buffer.buffer(":2}\r\n \n{\"n\":3}"));
        splitter.end();
        assertEquals(List.of(new StreamEvent(null, "{\"n\":1}"), new StreamEvent(null, "{\"n\":2}"),
                new StreamEvent(null, "{\"n\":3}")), events);
    }
}
