package dev.chatmodels.functions.http;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.functions.chat.ChatCompletions;
import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.functions.openai.ApiException;
import dev.chatmodels.functions.openai.CompletionRequest;
import dev.chatmodels.functions.openai.CompletionRequestReader;
import dev.chatmodels.functions.openai.ServerSentEvents;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The bodies of {@code POST /v1/chat/completions}: the request, read within the size limit and checked, and the answer
 * as one JSON document or as server-sent events. Each app sends the events the way its platform can
 * ({@link StreamDelivery}).
 */
@Singleton
public class CompletionBodies {

    private static final Logger LOG = Logger.getLogger(CompletionBodies.class);

    private final ChatCompletions completions;
    private final CompletionRequestReader reader;
    private final SecretRedactor secrets;

    CompletionBodies(ChatCompletions completions, CompletionRequestReader reader, SecretRedactor secrets) {
        this.completions = completions;
        this.reader = reader;
        this.secrets = secrets;
    }

    /** The request of a body, already within the size limit ({@link JsonBodies}): CPU work for a worker thread. */
    public CompletionRequest read(byte[] body) {
        return reader.read(body);
    }

    /**
     * The {@code chat.completion} as JSON; fails with an {@link ApiException} before any output. Subscribing turns the
     * request into the provider's, which is CPU work, so it happens on a worker thread.
     */
    public Uni<byte[]> completion(CompletionRequest request) {
        return completions.complete(request).map(json -> json.toString().getBytes(StandardCharsets.UTF_8))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * The answer as server-sent events; fails with an {@link ApiException} when it fails before the first event, and
     * ends with an error event when it fails later. Subscribed on a worker thread, like {@link #completion}.
     */
    public Multi<byte[]> events(CompletionRequest request) {
        return ServerSentEvents.of(completions.stream(request), failure -> {
            ApiError error = failure instanceof ApiException api ? api.error() : ApiErrorResponses.unexpected(failure);
            LOG.warnf("Stream of model '%s' ended early: %s (%s)", request.model(), secrets.redact(error.message()),
                    secrets.redact(ApiErrorResponses.providerSide(failure.getCause())));
            return error;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
