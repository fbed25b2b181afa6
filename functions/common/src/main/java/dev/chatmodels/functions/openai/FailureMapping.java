package dev.chatmodels.functions.openai;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.ChatModelException;
import dev.chatmodels.error.CircuitOpenException;
import dev.chatmodels.error.InvalidRequestException;
import dev.chatmodels.error.ProviderConnectionException;
import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.ProviderTimeoutException;
import dev.chatmodels.error.QuotaExceededException;
import dev.chatmodels.error.RateLimitException;
import dev.chatmodels.error.StreamInterruptedException;

/**
 * What the client is told when a model call fails. The provider's rate limits stay 429 with their
 * {@code retry-after}; a provider rejecting the request is the client's 400; a provider rejecting the function's own
 * credentials or model configuration is a 502 that reveals neither (the function is misconfigured, not the client);
 * an overloaded provider is a 503, a slow one 504, any other provider failure 502 (with its own code for an answer that
 * is malformed or ended early, which says nothing of what arrived).
 */
public final class FailureMapping {

    private FailureMapping() {
    }

    /** The error for a failed call of the configured model {@code model}. */
    public static ApiError toApiError(Throwable failure, String model) {
        if (failure instanceof ApiException api) {
            return api.error();
        }
        if (failure instanceof StreamInterruptedException interrupted && interrupted.getCause() != null) {
            return toApiError(interrupted.getCause(), model);
        }
        if (failure instanceof RateLimitException e) {
            return new ApiError(429, ApiError.RATE_LIMIT, orDefault(e.errorCode(), "rate_limit_exceeded"), null,
                    "The provider of model '" + model + "' is rate limiting requests: retry later."
                            + providerSays(e),
                    retryAfter(e.retryAfter()));
        }
        if (failure instanceof QuotaExceededException e) {
            return new ApiError(429, ApiError.QUOTA, "insufficient_quota", null, "The provider account behind model '"
                    + model + "' is out of quota or credit; retrying will not help until it is topped up.", Map.of());
        }
        if (failure instanceof AuthenticationException) {
            return new ApiError(502, ApiError.SERVER, "provider_authentication_failed", null,
                    "The provider rejected the credentials this function uses for model '" + model
                            + "': its operator must check the configured API key.",
                    Map.of());
        }
        if (failure instanceof InvalidRequestException e) {
            if (e.error().kind() == ProviderError.Kind.NOT_FOUND) {
                return new ApiError(502, ApiError.SERVER, "provider_model_not_found", null, "The provider does not know"
                        + " the model configured as '" + model + "': its operator must check the configuration.",
                        Map.of());
            }
            return new ApiError(400, ApiError.INVALID_REQUEST, e.errorCode(), null,
                    "The provider of model '" + model + "' rejected the request." + providerSays(e), Map.of());
        }
        if (failure instanceof ProviderException e && ProviderError.INVALID_RESPONSE.equals(e.errorType())) {
            // what arrived may echo anything: the client learns only that it was not an answer
            return new ApiError(502, ApiError.SERVER, "provider_invalid_response", null, "The provider of model '"
                    + model + "' sent a malformed answer: retry later.", Map.of());
        }
        if (failure instanceof ProviderException e && ProviderError.INCOMPLETE_RESPONSE.equals(e.errorType())) {
            return new ApiError(502, ApiError.SERVER, "provider_incomplete_response", null, "The provider of model '"
                    + model + "' ended its answer early: retry later.", Map.of());
        }
        if (failure instanceof ProviderException e) {
            boolean overloaded = e.error().kind() == ProviderError.Kind.OVERLOADED;
            return new ApiError(overloaded ? 503 : 502, ApiError.SERVER,
                    overloaded ? "provider_overloaded" : "provider_error", null,
                    "The provider of model '" + model + "' failed" + (e.status() >= 400 ? " (HTTP " + e.status() + ")" : "")
                            + ": retry later."
                            + providerSays(e),
                    overloaded ? retryAfter(e.retryAfter()) : Map.of());
        }
        if (failure instanceof CircuitOpenException) {
            return new ApiError(503, ApiError.SERVER, "provider_unavailable", null, "Model '" + model
                    + "' is paused after repeated provider failures: retry later.", Map.of());
        }
        if (failure instanceof ProviderTimeoutException) {
            return new ApiError(504, ApiError.SERVER, "provider_timeout", null,
                    "The provider of model '" + model + "' did not answer in time: retry later.", Map.of());
        }
        if (failure instanceof ProviderConnectionException) {
            // The message would name the provider's address, which is the operator's business.
            return new ApiError(502, ApiError.SERVER, "provider_unreachable", null,
                    "The provider of model '" + model + "' could not be reached: retry later.", Map.of());
        }
        if (failure instanceof ChatModelException) {
            return new ApiError(502, ApiError.SERVER, "provider_error", null,
                    "The call to model '" + model + "' failed: retry later.", Map.of());
        }
        return new ApiError(500, ApiError.SERVER, "internal_error", null,
                "The function failed unexpectedly; its log has the details.", Map.of());
    }

    private static String providerSays(ProviderException e) {
        String message = e.providerMessage();
        return message == null || message.isBlank() ? "" : " Provider message: " + message;
    }

    private static Map<String, String> retryAfter(Duration delay) {
        if (delay == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        long millis = Math.max(0, delay.toMillis());
        headers.put("retry-after", Long.toString((millis + 999) / 1000));
        headers.put("retry-after-ms", Long.toString(millis));
        return headers;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
