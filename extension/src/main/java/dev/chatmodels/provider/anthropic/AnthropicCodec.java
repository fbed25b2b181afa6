package dev.chatmodels.provider.anthropic;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.model.ChatRequest;
import dev.chatmodels.provider.ChatCodec;
import dev.chatmodels.provider.StreamDecoder;

/** STUB: to be written. */
public final class AnthropicCodec implements ChatCodec {

    @Override
    public String path(ChatRequest request, boolean stream) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ObjectNode encode(ChatRequest request, boolean stream) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AIMessage decode(JsonNode response) {
        throw new UnsupportedOperationException();
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProviderError decodeError(int status, Map<String, List<String>> headers, String body) {
        throw new UnsupportedOperationException();
    }
}
