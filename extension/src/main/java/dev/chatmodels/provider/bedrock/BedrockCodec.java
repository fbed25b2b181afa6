package dev.chatmodels.provider.bedrock;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.provider.ChatCodec;
import dev.chatmodels.provider.ProviderCapabilities;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.transport.StreamFraming;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The Bedrock Converse API ({@code POST /model/{modelId}/converse}) and ConverseStream ({@code /converse-stream}, binary
 * AWS event-stream frames split by {@link BedrockEventStreamDeframer}): system blocks, content blocks, tool config,
 * reasoning sent back with its signature, and model-specific extras in {@code additionalModelRequestFields}.
 * <p>
 * Converse has no native response format, so a request with one is refused: structured output for Bedrock uses the
 * {@code function_calling} method.
 */
public final class BedrockCodec implements ChatCodec {

    /**
     * Bedrock's Converse API: regional endpoints, a Bedrock API key or SigV4, binary event streams, and no native
     * response format, so structured output goes through a forced tool call.
     */
    public static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder("bedrock")
            .aliases("bedrock_converse")
            .defaultBaseUrl("https://bedrock-runtime." + ProviderDescriptor.REGION_PLACEHOLDER + ".amazonaws.com")
            .apiKeyEnvVars(BedrockAuthentication.BEARER_TOKEN_VARIABLE)
            .authentication(new BedrockAuthentication())
            .modelPrefixes("anthropic.", "amazon.", "meta.", "mistral.", "cohere.", "us.", "eu.", "apac.", "global.")
            .framing(new StreamFraming(BedrockEventStreamDeframer.MEDIA_TYPE, BedrockEventStreamDeframer::new))
            .capabilities(new ProviderCapabilities(false, true, true, true))
            .codec(BedrockCodec::new)
            .build();

    private final Clock clock;

    public BedrockCodec() {
        this(Clock.systemUTC());
    }

    /** A codec that measures retry delays against {@code clock}. */
    BedrockCodec(Clock clock) {
        this.clock = clock;
    }

    /** The model id is one path segment, percent-encoded: ids hold {@code :} and ARNs {@code /}. */
    @Override
    public String path(ChatRequest request, boolean stream) {
        return "/model/" + SdkHttpUtils.urlEncode(request.settings().modelName()) + (stream ? "/converse-stream" : "/converse");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the request has a response format, or content Converse does not accept
     *         (audio, data by http URL)
     */
    @Override
    public ObjectNode encode(ChatRequest request, boolean stream) {
        return BedrockRequestEncoder.encode(request);
    }

    @Override
    public AIMessage decode(JsonNode response) {
        return BedrockResponseDecoder.decode(response);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new BedrockStreamDecoder();
    }

    @Override
    public ProviderError decodeError(int status, Map<String, List<String>> headers, String body) {
        return BedrockErrorDecoder.decode(status, headers, body, clock);
    }
}
