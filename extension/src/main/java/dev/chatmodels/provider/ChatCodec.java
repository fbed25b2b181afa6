package dev.chatmodels.provider;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.model.ChatRequest;

/**
 * A provider's wire format: plain functions over JSON, with no I/O. Implementations are stateless and thread-safe;
 * per-stream state lives in the {@link StreamDecoder} they create.
 */
public interface ChatCodec {

    /**
     * The codec that speaks to the provider for {@code request}: this one, unless the provider has more than one API
     * (OpenAI's Chat Completions and Responses APIs). The model encodes and decodes each call with the codec chosen here.
     */
    default ChatCodec forRequest(ChatRequest request) {
        return this;
    }

    /**
     * This codec with OpenAI's Responses API always ({@code true}) or never ({@code false}) used instead of choosing by
     * request.
     *
     * @throws IllegalArgumentException asked to use it when the provider has no Responses API
     */
    default ChatCodec withResponsesApi(boolean use) {
        if (use) {
            throw new IllegalArgumentException("the provider has no Responses API");
        }
        return this;
    }

    /** The request path relative to the base URL, e.g. {@code /chat/completions}. */
    String path(ChatRequest request, boolean stream);

    /** The request body. */
    ObjectNode encode(ChatRequest request, boolean stream);

    /** Decodes a non-streamed answer. */
    AIMessage decode(JsonNode response);

    /** A new decoder for one stream. */
    StreamDecoder newStreamDecoder();

    /** Decodes an error answer: status, headers (names in lower case) and body, which may be empty or not JSON. */
    ProviderError decodeError(int status, Map<String, List<String>> headers, String body);
}
