package dev.chatmodels.provider.anthropic;

import java.time.Clock;
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

/**
 * The Anthropic Messages API ({@code POST /messages}): system instructions as a top-level field, typed content
 * blocks, thinking sent back with its signature, tool results inside user turns, and the full server-sent event
 * sequence of streams.
 * <p>
 * Anthropic has no native response format, so a request with one is refused: structured output for Anthropic uses
 * the {@code function_calling} method.
 */
public final class AnthropicCodec implements ChatCodec {

    /** The Anthropic API: no native response format, so structured output goes through a forced tool call. */
    public static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder("anthropic")
            .defaultBaseUrl("https://api.anthropic.com/v1").apiKeyEnvVars("ANTHROPIC_API_KEY")
            .authentication(ProviderAuthentication.keyHeader("x-api-key"))
            .defaultHeaders(Map.of("anthropic-version", "2023-06-01")).modelPrefixes("claude")
            .capabilities(new ProviderCapabilities(false, true, true, true)).codec(AnthropicCodec::new).build();

    private final Clock clock;

    public AnthropicCodec() {
        this(Clock.systemUTC());
    }

    /** A codec that measures retry delays against {@code clock}. */
    AnthropicCodec(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String path(ChatRequest request, boolean stream) {
        return "/messages";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the request has a response format, or content Anthropic does not accept
     *         (audio, video)
     */
    @Override
    public ObjectNode encode(ChatRequest request, boolean stream) {
        return AnthropicRequestEncoder.encode(request, stream);
    }

    @Override
    public AIMessage decode(JsonNode response) {
        return AnthropicResponseDecoder.decode(response);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new AnthropicStreamDecoder();
    }

    @Override
    public ProviderError decodeError(int status, Map<String, List<String>> headers, String body) {
        return AnthropicErrorDecoder.decode(status, headers, body, clock);
    }
}
