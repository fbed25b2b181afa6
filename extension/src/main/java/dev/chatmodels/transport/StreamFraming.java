package dev.chatmodels.transport;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a provider frames a streamed answer. Server-sent events and NDJSON are built in (the transport parses them on its
 * own buffers); a provider with another framing (AWS's binary {@code application/vnd.amazon.eventstream}) brings its
 * own {@link StreamDeframer}.
 *
 * @param mediaType the {@code Accept} header of a streamed request
 * @param deframer a new deframer per stream; {@code null} for the built-in framings
 */
public record StreamFraming(String mediaType, Supplier<StreamDeframer> deframer) {

    /** Server-sent events ({@code text/event-stream}). */
    public static final StreamFraming SSE = new StreamFraming("text/event-stream", null);
    /** One JSON object per line ({@code application/x-ndjson}). */
    public static final StreamFraming NDJSON = new StreamFraming("application/x-ndjson", null);

    /** A framing of the provider's own. */
    public static StreamFraming custom(String mediaType, Supplier<StreamDeframer> deframer) {
        return new StreamFraming(mediaType, Objects.requireNonNull(deframer, "deframer"));
    }

    /** Whether the transport parses this framing itself. */
    public boolean isBuiltIn() {
        return deframer == null;
    }
}
