package dev.chatmodels.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.chatmodels.transport.StreamFormat;

/**
 * What makes an HTTP provider: its name, default base URL, how the API key is sent and where it is found by default,
 * fixed headers, the model-name prefixes it owns, how it streams, and its codec.
 *
 * @param apiKeyHeader the header that carries the key: {@code Authorization} gets {@code Bearer <key>}, any other
 *        header the bare key
 * @param apiKeyRequired whether a model of this provider fails at start-up without a key (local servers need none)
 */
public record ProviderDescriptor(String name, String defaultBaseUrl, String apiKeyEnvVar, String apiKeyHeader,
        boolean apiKeyRequired, Map<String, String> defaultHeaders, List<String> modelPrefixes, StreamFormat streamFormat,
        Supplier<ChatCodec> codec) {

    public ProviderDescriptor {
        defaultHeaders = Map.copyOf(defaultHeaders);
        modelPrefixes = List.copyOf(modelPrefixes);
    }

    /** The headers of every request: the fixed ones, then the auth header when there is a key. */
    public Map<String, String> headers(String apiKey) {
        Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
        if (apiKey != null && !apiKey.isBlank()) {
            headers.put(apiKeyHeader, "Authorization".equalsIgnoreCase(apiKeyHeader) ? "Bearer " + apiKey : apiKey);
        }
        return headers;
    }

    /** Whether a bare model name belongs to this provider. */
    public boolean owns(String modelName) {
        return modelPrefixes.stream().anyMatch(modelName::startsWith);
    }
}
