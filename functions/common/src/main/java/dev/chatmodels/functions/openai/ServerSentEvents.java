package dev.chatmodels.functions.openai;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Multi;

/**
 * A stream of chunks as OpenAI sends it: one {@code data: <json>} event per chunk, then {@code data: [DONE]}. A failure
 * before the first event fails the stream (nothing is sent yet, so it can still be an HTTP error); a failure after it
 * ends the stream with a {@code data: {"error": ...}} event and no {@code [DONE]}, which OpenAI clients raise as an
 * error.
 */
public final class ServerSentEvents {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private ServerSentEvents() {
    }

    public static Multi<byte[]> of(Multi<? extends JsonNode> chunks, Function<Throwable, ApiError> errors) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean sent = new AtomicBoolean();
            return chunks.map(chunk -> {
                sent.set(true);
                return event(chunk);
            })
                    .onCompletion().continueWith(DONE)
                    .onFailure(failure -> sent.get()).recoverWithItem(failure -> event(errors.apply(failure).toJson()));
        });
    }

    /** One {@code data:} event; compact JSON has no line breaks, so one line is enough. */
    private static byte[] event(JsonNode json) {
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
