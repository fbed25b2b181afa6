package dev.chatmodels.functions.knative;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.functions.chat.ChatCompletions;
import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.functions.openai.ApiException;
import dev.chatmodels.functions.openai.CompletionRequest;
import dev.chatmodels.functions.openai.CompletionRequestReader;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Chat over Knative Eventing: a CloudEvent of type {@value #REQUEST_TYPE} (binary or structured mode) carries a Chat
 * Completions request as its JSON data, and the reply is a {@value #RESPONSE_TYPE} event carrying the
 * {@code chat.completion}.
 * <p>
 * A request that can never succeed (bad input, an unknown model, a provider rejecting it, another event type) is
 * answered with a {@value #ERROR_TYPE} event carrying the OpenAI error body, so a broker does not redeliver it. A failure
 * worth another try (rate limits, provider outages) fails with its {@link ApiException} instead, which fails the
 * delivery with its HTTP status, so the broker retries with its back-off.
 */
@Singleton
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

    /** The reply to an event; reading the event is CPU work, so it is subscribed on a worker thread. */
    Uni<ChatEventReply> chat(ChatEvent event) {
        return Uni.createFrom().deferred(() -> completions.complete(read(event)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(completion -> new ChatEventReply(RESPONSE_TYPE, event.id(), completion))
                .onFailure(ChatEventFunction::isFinal)
                .recoverWithItem(failure -> error(event.id(), ((ApiException) failure).error()));
    }

    /** The error event for a request that can never succeed. */
    static ChatEventReply error(String subject, ApiError error) {
        return new ChatEventReply(ERROR_TYPE, subject, error.toJson());
    }

    /** Whether a failure would fail again on redelivery: every 4xx but a rate limit. */
    static boolean isFinal(Throwable failure) {
        return failure instanceof ApiException api && api.error().status() < 500 && api.error().status() != 429;
    }

    private CompletionRequest read(ChatEvent event) {
        if (!REQUEST_TYPE.equals(event.type())) {
            throw ApiError.invalidRequest("type", "unsupported_event_type", "Events of type '" + event.type()
                    + "' are not handled here: send a CloudEvent of type " + REQUEST_TYPE + ".").exception();
        }
        JsonNode data = event.data();
        if (data == null) {
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
}
