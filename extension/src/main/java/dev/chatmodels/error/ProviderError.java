package dev.chatmodels.error;

import java.time.Duration;

/** What a provider said about a failed call, decoded from its error body and headers. */
public record ProviderError(String provider, int status, Kind kind, String type, String code, String message,
        String requestId, Duration retryAfter) {

    /** The {@link #type()} of an answer that arrived but is not a well-formed answer. */
    public static final String INVALID_RESPONSE = "invalid_response";
    /** The {@link #type()} of a streamed answer that ended before the provider's final event. */
    public static final String INCOMPLETE_RESPONSE = "incomplete_response";

    private static final int EXCERPT_LENGTH = 200;

    public ProviderError {
        message = SecretRedaction.redact(message);
    }

    /** The provider-neutral kind of an error, which decides how it is handled. */
    public enum Kind {
        /** 401: a missing or wrong API key. */
        AUTHENTICATION,
        /** 403: the key may not use this model or feature. */
        PERMISSION,
        /** 400, 422: the request is wrong. */
        BAD_REQUEST,
        /** 404: unknown model or endpoint. */
        NOT_FOUND,
        /** 429 because of request or token rate limits: retry later. */
        RATE_LIMIT,
        /** 429 because the account is out of credit or quota: retrying does not help. */
        QUOTA,
        /** The provider is overloaded (Anthropic 529, OpenAI 503). */
        OVERLOADED,
        /** 5xx. */
        SERVER,
        OTHER
    }

    /**
     * An answer that arrived but is not what the provider documents (not JSON, or JSON of another shape): a broken
     * gateway or connection, which a retry may fix. {@code detail} says what was wrong.
     */
    public static ProviderError invalidResponse(String provider, String detail) {
        return new ProviderError(provider, 200, Kind.SERVER, INVALID_RESPONSE, null, detail, null, null);
    }

    /**
     * A stream that ended cleanly before the provider's final event: the provider was reached but its answer is cut
     * short, which a retry may fix.
     */
    public static ProviderError incompleteResponse(String provider, String detail) {
        return new ProviderError(provider, 200, Kind.SERVER, INCOMPLETE_RESPONSE, null, detail, null, null);
    }

    /** The start of a response body on one line, for messages about bodies that are not what the provider sent. */
    public static String excerpt(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= EXCERPT_LENGTH ? line : line.substring(0, EXCERPT_LENGTH) + "...";
    }

    /** This error with secrets removed from what the provider wrote: its message, type and code. */
    ProviderError redacted(SecretRedactor redactor) {
        return new ProviderError(provider, status, kind, redactor.redact(type), redactor.redact(code),
                redactor.redact(message), requestId, retryAfter);
    }

    /** The kind an HTTP status implies when the body says nothing more precise. */
    public static Kind kindOf(int status) {
        return switch (status) {
            case 400, 422 -> Kind.BAD_REQUEST;
            case 401 -> Kind.AUTHENTICATION;
            case 403 -> Kind.PERMISSION;
            case 404 -> Kind.NOT_FOUND;
            case 429 -> Kind.RATE_LIMIT;
            case 503, 529 -> Kind.OVERLOADED;
            default -> status >= 500 ? Kind.SERVER : Kind.OTHER;
        };
    }

    String describe() {
        StringBuilder text = new StringBuilder(provider).append(" returned");
        if (status > 0) {
            text.append(" HTTP ").append(status);
        }
        if (type != null) {
            text.append(" ").append(type);
        }
        if (code != null && !code.equals(type)) {
            text.append(" (").append(code).append(")");
        }
        text.append(": ").append(message == null || message.isBlank() ? "no error message" : message);
        if (requestId != null) {
            text.append(" [request id ").append(requestId).append("]");
        }
        return text.toString();
    }
}
