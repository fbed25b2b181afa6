package dev.chatmodels.provider.bedrock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.transport.StreamDeframer;
import dev.chatmodels.transport.StreamEvent;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Splits a ConverseStream body, binary {@code application/vnd.amazon.eventstream} frames, into events with the AWS
 * SDK's decoder (which checks each frame's checksums): an event frame becomes {@code StreamEvent(:event-type, payload)},
 * an exception frame {@code StreamEvent(:exception-type, payload)} (named {@code ...Exception}, see
 * {@link BedrockErrorDecoder#isException}), and a generic error frame {@code StreamEvent(:error-code,
 * {"message": :error-message})}.
 */
final class BedrockEventStreamDeframer implements StreamDeframer {

    /** The media type of a ConverseStream body. */
    static final String MEDIA_TYPE = "application/vnd.amazon.eventstream";

    private final MessageDecoder decoder = new MessageDecoder(this::onMessage);
    /** Bytes fed that no complete frame has consumed yet: a frame cut by the end of the body. */
    private long pending;
    private Consumer<StreamEvent> events;

    @Override
    public void feed(ByteBuffer bytes, Consumer<StreamEvent> events) {
        this.events = events;
        pending += bytes.remaining();
        try {
            decoder.feed(bytes);
        } catch (IllegalArgumentException | IllegalStateException | java.nio.BufferUnderflowException e) {
            throw ProviderException.of(ProviderError.invalidResponse(BedrockErrorDecoder.PROVIDER,
                    "The stream sent bytes that are not an AWS event-stream frame: " + e.getMessage()));
        }
    }

    @Override
    public void end(Consumer<StreamEvent> events) {
        if (pending > 0) {
            throw new IllegalStateException("The stream ended inside an event-stream frame (" + pending + " bytes of it)");
        }
    }

    private void onMessage(Message message) {
        pending -= Message.MESSAGE_OVERHEAD + Message.encodeHeaders(message.getHeaders().entrySet()).length
                + message.getPayload().length;
        Map<String, HeaderValue> headers = message.getHeaders();
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        switch (header(headers, ":message-type", "event")) {
            case "exception" -> events.accept(new StreamEvent(header(headers, ":exception-type", "unknownException"), payload));
            case "error" -> events.accept(new StreamEvent(header(headers, ":error-code", "unknownError"),
                    Jackson.MAPPER.createObjectNode().put("message", header(headers, ":error-message", null)).toString()));
            default -> events.accept(new StreamEvent(header(headers, ":event-type", null), payload));
        }
    }

    private static String header(Map<String, HeaderValue> headers, String name, String otherwise) {
        HeaderValue value = headers.get(name);
        return value == null ? otherwise : value.getString();
    }
}
