package dev.chatmodels.transport;

/**
 * One event of a streamed answer: an SSE event ({@code event} name, may be {@code null}, and {@code data}) or one
 * NDJSON line (in {@code data}, {@code event} is {@code null}).
 */
public record StreamEvent(String event, String data) {
}
