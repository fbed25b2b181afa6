package dev.chatmodels.provider.bedrock;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.transport.StreamEvent;

/** The recorded Bedrock exchanges under {@code fixtures/bedrock}, read the way the tests need them. */
final class BedrockRecordings {

    static final String PROVIDER = "bedrock";

    private BedrockRecordings() {
    }

    static JsonNode request(String scenario) {
        return Fixtures.json(PROVIDER, scenario + ".request.json");
    }

    static JsonNode response(String scenario) {
        return Fixtures.json(PROVIDER, scenario + ".response.json");
    }

    static String responseText(String scenario) {
        return Fixtures.read(PROVIDER, scenario + ".response.json");
    }

    /** The recorded binary ConverseStream body. */
    static byte[] eventStream(String scenario) {
        return Fixtures.bytes(PROVIDER, scenario + ".response.eventstream");
    }

    /** The decoded view of the recorded stream the recording ships beside the bytes: headers and payload per frame. */
    static JsonNode recordedFrames(String scenario) {
        return Fixtures.json(PROVIDER, scenario + ".response.events.json");
    }

    /** The events a fresh deframer makes of the recorded bytes, fed in one piece. */
    static List<StreamEvent> events(String scenario) {
        return deframe(eventStream(scenario), List.of());
    }

    /** The events a fresh deframer makes of {@code body} fed in pieces cut at {@code cuts} (ascending offsets). */
    static List<StreamEvent> deframe(byte[] body, List<Integer> cuts) {
        BedrockEventStreamDeframer deframer = new BedrockEventStreamDeframer();
        List<StreamEvent> events = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            deframer.feed(ByteBuffer.wrap(body, start, cut - start), events::add);
            start = cut;
        }
        deframer.feed(ByteBuffer.wrap(body, start, body.length - start), events::add);
        deframer.end(events::add);
        return events;
    }

    /** Every chunk a fresh stream decoder makes of the recorded stream. */
    static List<AIMessageChunk> chunks(String scenario) {
        BedrockStreamDecoder decoder = new BedrockStreamDecoder();
        List<AIMessageChunk> chunks = new ArrayList<>();
        events(scenario).forEach(event -> chunks.addAll(decoder.decode(event)));
        return chunks;
    }
}
