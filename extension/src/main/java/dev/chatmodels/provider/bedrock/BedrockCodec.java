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
import dev.chatmodels.provider.StreamDecoder;
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
