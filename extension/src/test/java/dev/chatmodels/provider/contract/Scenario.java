package dev.chatmodels.provider.contract;

/** The standard scenarios every provider's codec passes, each from a real recording of the provider. */
public enum Scenario {
    /** A plain text answer. */
    TEXT,
    /** A streamed text answer: its chunks sum to the whole, however its bytes are regrouped. */
    STREAM,
    /** An answer that calls one tool. */
    TOOL_CALL,
    /** An answer that calls several tools at once. */
    PARALLEL_TOOL_CALLS,
    /** A streamed answer that calls tools: the arguments arrive in pieces. */
    STREAMED_TOOL_CALL,
    /** The request that sends tool results back: encoded exactly as recorded. */
    TOOL_RESULT_FOLLOW_UP,
    /** An answer in a requested schema (native response format, or the forced tool call). */
    STRUCTURED_OUTPUT,
    /** Usage with cached input tokens. */
    USAGE_CACHE,
    /** Usage with reasoning output tokens. */
    USAGE_REASONING,
    /** A rejected key: {@code AuthenticationException}. */
    ERROR_AUTHENTICATION,
    /** Too many requests: {@code RateLimitException} (or {@code QuotaExceededException} for a spent quota). */
    ERROR_RATE_LIMIT,
    /** A request the provider refuses: {@code InvalidRequestException}. */
    ERROR_INVALID_REQUEST,
    /** The provider failed or is overloaded: {@code ProviderServerException}. */
    ERROR_SERVER,
    /** An error event inside a stream: the typed exception of its kind. */
    ERROR_IN_STREAM,
    /** Further finish reasons, normalised, with the provider's word kept. */
    FINISH_REASONS
}
