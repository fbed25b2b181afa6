package dev.chatmodels.transport;

/** How a provider frames a streamed answer. */
public enum StreamFormat {
    /** Server-sent events ({@code text/event-stream}). */
    SSE,
    /** One JSON object per line ({@code application/x-ndjson}). */
    NDJSON
}
