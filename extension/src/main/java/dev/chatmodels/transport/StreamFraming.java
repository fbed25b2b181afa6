package dev.chatmodels.transport;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a provider frames a streamed answer: the media type it is asked for, and a new {@link StreamDeframer} per stream
 * that turns the body's bytes into events. Server-sent events and NDJSON are built in; a provider with another framing
 * (AWS's binary {@code application/vnd.amazon.eventstream}) brings its own deframer.
 *
 * @param mediaType the {@code Accept} header of a streamed request
 * @param deframer a new deframer per stream
 */
public record StreamFraming(String mediaType, Supplier<StreamDeframer> deframer) {

    /** Server-sent events ({@code text/event-stream}). */
    public static final StreamFraming SSE = new StreamFraming("text/event-stream", SseDeframer::new);
    /** One JSON object per line ({@code application/x-ndjson}). */
    public static final StreamFraming NDJSON = new StreamFraming("application/x-ndjson", NdjsonDeframer::new);

    public StreamFraming {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(deframer, "deframer");
    }
}
