package dev.chatmodels.functions.openai;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.json.Jackson;

/**
 * An error answer in OpenAI's format: the HTTP status, the body fields {@code message}, {@code type}, {@code param}
 * and {@code code}, and headers to send with it (e.g. {@code retry-after}). Messages say what to fix and never carry
 * secrets.
 */
public record ApiError(int status, String type, String code, String param, String message, Map<String, String> headers) {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String AUTHENTICATION = "authentication_error";
    public static final String RATE_LIMIT = "rate_limit_error";
    public static final String QUOTA = "insufficient_quota";
    public static final String SERVER = "server_error";

    public ApiError {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A 400 about one request parameter ({@code param} is its path, e.g. {@code messages[2].role}). */
    public static ApiError invalidRequest(String param, String message) {
        return new ApiError(400, INVALID_REQUEST, null, param, message, Map.of());
    }

    /** A 400 about one request parameter, with an error code. */
    public static ApiError invalidRequest(String param, String code, String message) {
        return new ApiError(400, INVALID_REQUEST, code, param, message, Map.of());
    }

    /** A 413 for a request body over the limit of {@code maxBytes}. */
    public static ApiError bodyTooLarge(long maxBytes) {
        return new ApiError(413, INVALID_REQUEST, "request_too_large", null, "The request body is larger than the "
                + maxBytes + " bytes this API accepts: send fewer or smaller messages (e.g. images by URL).", Map.of());
    }

    /** The body as OpenAI writes it: {@code {"error": {"message", "type", "param", "code"}}}. */
    public ObjectNode toJson() {
        ObjectNode body = Jackson.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return body;
    }

    /** This error with secrets removed from its message and code. */
    public ApiError redacted(SecretRedactor secrets) {
        return new ApiError(status, type, secrets.redact(code), param, secrets.redact(message), headers);
    }

    /** This error as an exception, to end a request with it. */
    public ApiException exception() {
        return new ApiException(this);
    }

    /** This error as an exception caused by {@code cause}, which the function's log shows. */
    public ApiException exception(Throwable cause) {
        return new ApiException(this, cause);
    }
}
