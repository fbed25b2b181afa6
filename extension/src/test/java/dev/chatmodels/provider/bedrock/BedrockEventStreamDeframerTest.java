package dev.chatmodels.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.testing.EventStreamFrames;
import dev.chatmodels.testing.RecordedJson;
import dev.chatmodels.transport.StreamEvent;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/** The binary ConverseStream framing: the recorded bytes, whole and cut anywhere, and broken bodies. */
class BedrockEventStreamDeframerTest {

    @ParameterizedTest
    @ValueSource(strings = { "converse_stream_text", "converse_stream_tool_use", "converse_stream_reasoning" })
    void recordedFramesBecomeTheirEventsInOrder(String scenario) {
        List<StreamEvent> events = BedrockRecordings.events(scenario);
        JsonNode frames = BedrockRecordings.recordedFrames(scenario);

        assertEquals(frames.size(), events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(frames.get(i).at("/headers/:event-type").asText(), events.get(i).event());
            assertEquals(frames.get(i).get("payload"), RecordedJson.parse(events.get(i).data()));
        }
    }

    /** Fed one byte at a time, the body is split at every byte position, inside preludes, headers and payloads. */
    @ParameterizedTest
    @ValueSource(strings = { "converse_stream_text", "converse_stream_tool_use", "converse_stream_reasoning" })
    void recordedStreamSplitAtEveryBytePositionGivesTheSameEvents(String scenario) {
        byte[] body = BedrockRecordings.eventStream(scenario);
        List<Integer> everyByte = new ArrayList<>();
        for (int cut = 1; cut < body.length; cut++) {
            everyByte.add(cut);
        }
        assertEquals(BedrockRecordings.events(scenario), BedrockRecordings.deframe(body, everyByte));
    }

    @Test
    void exceptionFrameIsNamedAfterItsExceptionType() {
        byte[] frame = EventStreamFrames.exception("throttlingException", "{\"message\":\"Too many requests, please wait.\"}");

        List<StreamEvent> events = BedrockRecordings.deframe(frame, List.of());

        assertEquals(List.of(new StreamEvent("throttlingException", "{\"message\":\"Too many requests, please wait.\"}")),
                events);
    }

    @Test
    void errorFrameCarriesItsMessageAsJson() {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("error"));
        headers.put(":error-code", HeaderValue.fromString("InternalFailureException"));
        headers.put(":error-message", HeaderValue.fromString("Something broke"));
        byte[] frame = EventStreamFrames.bytes(new Message(headers, new byte[0]));

        List<StreamEvent> events = BedrockRecordings.deframe(frame, List.of());

        assertEquals(1, events.size());
        assertEquals("InternalFailureException", events.get(0).event());
        assertEquals("Something broke", RecordedJson.parse(events.get(0).data()).path("message").asText());
    }

    @Test
    void bodyEndingInsideAFrameIsTruncated() {
        byte[] body = BedrockRecordings.eventStream("converse_stream_text");
        byte[] cut = Arrays.copyOf(body, body.length - 5);
        BedrockEventStreamDeframer deframer = new BedrockEventStreamDeframer();
        List<StreamEvent> events = new ArrayList<>();
        deframer.feed(ByteBuffer.wrap(cut), events::add);

        IllegalStateException truncated = assertThrows(IllegalStateException.class, () -> deframer.end(events::add));

        assertTrue(truncated.getMessage().contains("ended inside"), truncated.getMessage());
        assertEquals(BedrockRecordings.events("converse_stream_text").size() - 1, events.size());
    }

    @Test
    void corruptFrameIsAnInvalidResponse() {
        byte[] body = BedrockRecordings.eventStream("converse_stream_text").clone();
        body[20] ^= 0x5a; // inside the first frame's headers: its checksum no longer matches

        ProviderException invalid = assertThrows(ProviderException.class,
                () -> BedrockRecordings.deframe(body, List.of()));

        assertEquals(ProviderError.INVALID_RESPONSE, invalid.error().type());
    }
}
