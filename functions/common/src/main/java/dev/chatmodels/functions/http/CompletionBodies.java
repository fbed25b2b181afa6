package dev.chatmodels.functions.http;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.functions.chat.ChatCompletions;
import dev.chatmodels.functions.config.FunctionsConfig;
import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.functions.openai.ApiException;
import dev.chatmodels.functions.openai.CompletionRequest;
import dev.chatmodels.functions.openai.CompletionRequestReader;
import dev.chatmodels.functions.openai.ServerSentEvents;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The bodies of {@code POST /v1/chat/completions}: the request, read within the size limit and checked, and the answer
 * as one JSON document or as server-sent events. Each app's resource sends them the way its platform can: the Knative
 * app streams the events as they come, the Lambda app, whose HTTP integration cannot stream, sends them all at once.
 */
@Singleton
public class CompletionBodies {

    private static final Logger LOG = Logger.getLogger(CompletionBodies.class);

    private final ChatCompletions completions;
    private final CompletionRequestReader reader;
    private final long maxBodySize;
    private final SecretRedactor secrets;

    CompletionBodies(ChatCompletions completions, CompletionRequestReader reader, FunctionsConfig config,
            SecretRedactor secrets) {
        this.completions = completions;
        this.reader = reader;
        this.maxBodySize = config.maxBodySize().asLongValue();
        this.secrets = secrets;
    }

    /** The request of a body; a body without a declared length is measured here, after the request guard. */
    public CompletionRequest read(byte[] body) {
        if (body.length > maxBodySize) {
            throw ApiError.bodyTooLarge(maxBodySize).exception();
        }
        return reader.read(body);
    }

    /** The {@code chat.completion} as JSON; fails with an {@link ApiException} before any output. */
    public Uni<byte[]> completion(CompletionRequest request) {
        return completions.complete(request).map(json -> json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The answer as server-sent events; fails with an {@link ApiException} when it fails before the first event, and
     * ends with an error event when it fails later.
     */
    public Multi<byte[]> events(CompletionRequest request) {
        return ServerSentEvents.of(completions.stream(request), failure -> {
            ApiError error = failure instanceof ApiException api ? api.error() : ApiErrorResponses.unexpected(failure);
            LOG.warnf("Stream of model '%s' ended early: %s (%s)", request.model(), secrets.redact(error.message()),
                    secrets.redact(ApiErrorResponses.providerSide(failure.getCause())));
            return error;
        });
    }
}
