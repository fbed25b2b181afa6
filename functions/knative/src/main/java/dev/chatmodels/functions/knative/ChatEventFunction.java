package dev.chatmodels.functions.knative;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.functions.chat.ChatCompletions;
import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.functions.openai.ApiException;
import dev.chatmodels.functions.openai.CompletionRequest;
import dev.chatmodels.functions.openai.CompletionRequestReader;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import io.smallrye.mutiny.Uni;

/**
 * Chat over Knative Eventing: a CloudEvent of type {@value #REQUEST_TYPE} (binary or structured mode) carries a Chat
 * Completions request as its JSON data, and the reply is a {@value #RESPONSE_TYPE} event carrying the
 * {@code chat.completion}.
 * <p>
 * A request that can never succeed (bad input, an unknown model, a provider rejecting it) is answered with a
 * {@value #ERROR_TYPE} event carrying the OpenAI error body, so a broker does not redeliver it. A failure worth another
 * try (rate limits, provider outages) fails the delivery with its HTTP status instead, so the broker retries with its
 * back-off.
 */
public class ChatEventFunction {

    public static final String REQUEST_TYPE = "dev.chatmodels.chat.request";
    public static final String RESPONSE_TYPE = "dev.chatmodels.chat.response";
    public static final String ERROR_TYPE = "dev.chatmodels.chat.error";
    public static final String SOURCE = "dev.chatmodels.functions";

    private final ChatCompletions completions;
    private final CompletionRequestReader reader;

    ChatEventFunction(ChatCompletions completions, CompletionRequestReader reader) {
        this.completions = completions;
        this.reader = reader;
    }

    @Funq("chat")
    @CloudEventMapping(trigger = REQUEST_TYPE, responseSource = SOURCE, responseType = RESPONSE_TYPE)
    public Uni<CloudEvent<JsonNode>> chat(CloudEvent<JsonNode> event) {
        return Uni.createFrom().deferred(() -> completions.complete(read(event)))
                .map(completion -> reply(event, RESPONSE_TYPE, completion))
                .onFailure(ChatEventFunction::isFinal)
                .recoverWithItem(failure -> reply(event, ERROR_TYPE, ((ApiException) failure).error().toJson()));
    }

    private CompletionRequest read(CloudEvent<JsonNode> event) {
        JsonNode data;
        try {
            data = event.data();
        } catch (RuntimeException e) {
            throw ApiError.invalidRequest(null, "invalid_json",
                    "The event data is not valid JSON: send a Chat Completions request with datacontenttype"
                            + " application/json.")
                    .exception();
        }
        if (data == null || data.isNull()) {
            throw ApiError.invalidRequest(null, "invalid_json",
                    "The event has no data: send a Chat Completions request as its JSON data.").exception();
        }
        CompletionRequest request = reader.read(data);
        if (request.stream()) {
            throw ApiError.invalidRequest("stream", "unsupported_parameter",
                    "Events cannot stream: leave 'stream' out, or use POST /v1/chat/completions to stream.").exception();
        }
        return request;
    }

    /** Whether a failure would fail again on redelivery: every 4xx but a rate limit. */
    private static boolean isFinal(Throwable failure) {
        return failure instanceof ApiException api && api.error().status() < 500 && api.error().status() != 429;
    }

    private static CloudEvent<JsonNode> reply(CloudEvent<JsonNode> request, String type, JsonNode data) {
        return CloudEventBuilder.create()
                .id(UUID.randomUUID().toString())
                .type(type)
                .source(SOURCE)
                .subject(request.id())
                .build(data);
    }
}
