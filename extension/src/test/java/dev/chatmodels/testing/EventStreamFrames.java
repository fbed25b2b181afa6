package dev.chatmodels.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/** Builds AWS event-stream bodies ({@code application/vnd.amazon.eventstream}) for tests, with the AWS SDK's encoder. */
public final class EventStreamFrames {

    private EventStreamFrames() {
    }

    /** An exception frame, as Bedrock ends a stream that fails after its start: {@code :exception-type} and a JSON payload. */
    public static byte[] exception(String type, String payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("exception"));
        headers.put(":exception-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return bytes(new Message(headers, payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first {@code frames} frames of a recorded body. */
    public static byte[] firstFrames(byte[] body, int frames) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        for (int i = 0; i < frames; i++) {
            buffer.position(buffer.position() + buffer.getInt(buffer.position()));
        }
        return Arrays.copyOf(body, buffer.position());
    }

    /** Bodies one after the other. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        return body.toByteArray();
    }

    /** The wire bytes of one frame. */
    public static byte[] bytes(Message message) {
        ByteBuffer buffer = message.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
