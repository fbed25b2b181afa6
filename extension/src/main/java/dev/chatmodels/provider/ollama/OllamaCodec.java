package dev.chatmodels.provider.ollama;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.provider.ChatCodec;
import dev.chatmodels.provider.ProviderAuthentication;
import dev.chatmodels.provider.ProviderCapabilities;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.transport.StreamFraming;

/**
 * Ollama's own chat API ({@code POST /api/chat}): text content with base64 {@code images}, tool calls whose arguments
 * are JSON objects, {@code thinking} beside the content, {@code format} for structured output, sampling settings in
 * {@code options}, and NDJSON streams whose last line ({@code done: true}) carries the usage.
 * <p>
 * A base URL ending in {@code /v1} is Ollama's OpenAI-compatible endpoint, which the OpenAI Chat Completions codec
 * speaks instead (see {@link #isOpenAiCompatible}).
 */
public final class OllamaCodec implements ChatCodec {

    /** A local Ollama server: no key needed (one is sent as a bearer token when given, as Ollama's cloud wants). */
    public static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(OllamaErrorDecoder.PROVIDER)
            .defaultBaseUrl("http://localhost:11434").apiKeyEnvVars("OLLAMA_API_KEY")
            .authentication(ProviderAuthentication.bearerKey(false)).framing(StreamFraming.NDJSON)
            // no tool_choice: structured output goes through the native format
            .capabilities(new ProviderCapabilities(true, false, true, true)).codec(OllamaCodec::new).build();

    /** Whether {@code baseUrl} is Ollama's OpenAI-compatible endpoint, which configurations before the native API used. */
    public static boolean isOpenAiCompatible(String baseUrl) {
        String url = baseUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url.endsWith("/v1");
    }

    @Override
    public String path(ChatRequest request, boolean stream) {
        return "/api/chat";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException for content Ollama does not take (images by URL, audio, files) or a forced tool
     *         choice
     */
    @Override
    public ObjectNode encode(ChatRequest request, boolean stream) {
        return OllamaRequestEncoder.encode(request, stream);
    }

    @Override
    public AIMessage decode(JsonNode response) {
        return OllamaResponseDecoder.decode(response);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new OllamaStreamDecoder();
    }

    @Override
    public ProviderError decodeError(int status, Map<String, List<String>> headers, String body) {
        return OllamaErrorDecoder.decode(status, headers, body);
    }
}
