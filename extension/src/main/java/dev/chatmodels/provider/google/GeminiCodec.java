package dev.chatmodels.provider.google;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * The Gemini API ({@code POST /models/{model}:generateContent}, and {@code :streamGenerateContent?alt=sse} for
 * streams): system instruction apart from the {@code user}/{@code model} turns, function declarations and tool config,
 * thoughts and their signatures sent back, native JSON-schema output ({@code responseJsonSchema}), inline and file
 * data, usage with thinking and cached tokens, and Google's error envelope.
 */
public final class GeminiCodec implements ChatCodec {

    /**
     * The Gemini Developer API: the key in {@code x-goog-api-key} (never in the URL), native JSON-schema output,
     * forced tool choice ({@code ANY} with allowed names), parallel calls, usage in every stream event.
     */
    public static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder("google")
            .aliases("google_genai", "gemini").defaultBaseUrl("https://generativelanguage.googleapis.com/v1beta")
            .apiKeyEnvVars("GOOGLE_API_KEY", "GEMINI_API_KEY")
            .authentication(ProviderAuthentication.keyHeader("x-goog-api-key")).modelPrefixes("gemini")
            .capabilities(new ProviderCapabilities(true, true, true, true)).codec(GeminiCodec::new).build();

    private final Clock clock;

    public GeminiCodec() {
        this(Clock.systemUTC());
    }

    /** A codec that measures retry delays against {@code clock}. */
    GeminiCodec(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String path(ChatRequest request, boolean stream) {
        String model = URLEncoder.encode(request.settings().modelName(), StandardCharsets.UTF_8).replace("+", "%20");
        return "/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }

    /**
     * {@inheritDoc} Streaming is chosen by the path, so the body is the same either way.
     *
     * @throws IllegalArgumentException for content Gemini does not accept, or a tool result whose tool is not named
     */
    @Override
    public ObjectNode encode(ChatRequest request, boolean stream) {
        return GeminiRequestEncoder.encode(request);
    }

    @Override
    public AIMessage decode(JsonNode response) {
        return GeminiResponseDecoder.decode(response);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new GeminiStreamDecoder();
    }

    @Override
    public ProviderError decodeError(int status, Map<String, List<String>> headers, String body) {
        return GeminiErrorDecoder.decode(status, headers == null ? Map.of() : headers, body, clock);
    }
}
