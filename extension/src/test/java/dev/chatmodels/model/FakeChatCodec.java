package dev.chatmodels.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.provider.ChatCodec;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.usage.UsageMetadata;

/**
 * A tiny wire format for testing {@link HttpChatModel} without a real provider codec. Requests are
 * {@code {"prompt": "<all message texts joined by \n>", "stream": bool}}; answers are
 * {@code {"text", "model", "usage": [input, output]}}; stream events carry {@code {"text"}} or
 * {@code {"usage", "model"}}, an event named {@code done} ends the stream and one named {@code error} is an error
 * event; error bodies are {@code {"error": {"type", "message"}}} and {@code insufficient_quota} is a quota error.
 */
public final class FakeChatCodec implements ChatCodec {

    public static final ProviderDescriptor PROVIDER = descriptor(FakeChatCodec::new);

    /** The fake provider with {@code codec}. */
    public static ProviderDescriptor descriptor(Supplier<ChatCodec> codec) {
        return ProviderDescriptor.builder("fake").defaultBaseUrl("http://127.0.0.1:1").apiKeyEnvVars("FAKE_API_KEY")
                .defaultHeaders(Map.of("x-fake", "yes")).modelPrefixes("fake-").codec(codec).build();
    }

    /** An answer body in this format. */
    public static String answer(String text, String model, long input, long output) {
        return Jackson.MAPPER.createObjectNode().put("text", text).put("model", model)
                .set("usage", Jackson.MAPPER.createArrayNode().add(input).add(output)).toString();
    }

    /** A stream event with text. */
    public static StreamEvent text(String text) {
        return new StreamEvent(null, Jackson.MAPPER.createObjectNode().put("text", text).toString());
    }

    /**
     * A whole stream: one event per text, then usage ({@code input} tokens in, one output token per text) and done.
     */
    public static List<StreamEvent> events(String model, long input, String... texts) {
        List<StreamEvent> events = new ArrayList<>();
        for (String text : texts) {
            events.add(text(text));
        }
        events.add(new StreamEvent("usage", answer("", model, input, texts.length)));
        events.add(new StreamEvent("done", "{}"));
        return events;
    }

    @Override
    public String path(ChatRequest request, boolean stream) {
        return stream ? "/stream" : "/chat";
    }

    @Override
    public ObjectNode encode(ChatRequest request, boolean stream) {
        ObjectNode body = Jackson.MAPPER.createObjectNode()
                .put("prompt", request.messages().stream().map(Message::text).collect(Collectors.joining("\n")))
                .put("stream", stream);
        request.settings().kwargs().forEach((key, value) -> body.set(key, Jackson.MAPPER.valueToTree(value)));
        return body;
    }

    @Override
    public AIMessage decode(JsonNode response) {
        return new AIMessage(Message.textContent(response.get("text").asText()), List.of(), List.of(), usage(response),
                Map.of(ResponseMetadata.MODEL_NAME, response.path("model").asText()), null);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new StreamDecoder() {
            private boolean complete;

            @Override
            public List<AIMessageChunk> decode(StreamEvent event) {
                if ("done".equals(event.event())) {
                    complete = true;
                    return List.of();
                }
                JsonNode data = parse(event.data());
                if ("error".equals(event.event())) {
                    throw ProviderException.of(decodeError(200, Map.of(), event.data()));
                }
                if ("usage".equals(event.event())) {
                    return List.of(new AIMessageChunk(List.of(), List.of(), usage(data),
                            Map.of(ResponseMetadata.MODEL_NAME, data.path("model").asText()), null));
                }
                return List.of(AIMessageChunk.ofText(data.get("text").asText(), 0));
            }

            @Override
            public boolean isComplete() {
                return complete;
            }
        };
    }

    @Override
    public ProviderError decodeError(int status, Map<String, List<String>> headers, String body) {
        JsonNode error = parse(body).path("error");
        String type = error.path("type").asText(null);
        ProviderError.Kind kind = "insufficient_quota".equals(type) ? ProviderError.Kind.QUOTA
                : ProviderError.kindOf(status);
        List<String> retryAfter = headers.get("retry-after");
        List<String> requestId = headers.get("request-id");
        return new ProviderError("fake", status, kind, type, null, error.path("message").asText(null),
                requestId == null ? null : requestId.get(0),
                retryAfter == null ? null : Duration.ofSeconds(Long.parseLong(retryAfter.get(0))));
    }

    private static UsageMetadata usage(JsonNode json) {
        JsonNode usage = json.get("usage");
        return usage == null ? null : UsageMetadata.of(usage.get(0).asLong(), usage.get(1).asLong());
    }

    private static JsonNode parse(String text) {
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (Exception e) {
            return Jackson.MAPPER.createObjectNode();
        }
    }
}
