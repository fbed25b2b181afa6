package dev.chatmodels.functions.chat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.error.ChatModelException;
import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.functions.openai.ApiError;
import dev.chatmodels.functions.openai.CompletionJson;
import dev.chatmodels.functions.openai.CompletionRequest;
import dev.chatmodels.functions.openai.CompletionStream;
import dev.chatmodels.functions.openai.FailureMapping;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.model.Bindings;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.structured.StructuredOutputMethod;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSpecification;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Answers Chat Completions requests with the configured models: picks the model the request names, applies its
 * sampling settings, tools and response format, calls it, and writes the answer in OpenAI's format. Failures arrive as
 * {@link dev.chatmodels.functions.openai.ApiException}s carrying the error to send, except unexpected ones (bugs).
 */
public final class ChatCompletions {

    private final ModelCatalog models;
    private final Clock clock;
    private final SecretRedactor secrets;

    /** @param secrets redacts every failure, a second line of defence behind the models' own redaction */
    public ChatCompletions(ModelCatalog models, Clock clock, SecretRedactor secrets) {
        this.models = models;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** The answer as one {@code chat.completion}. */
    public Uni<ObjectNode> complete(CompletionRequest request) {
        return Uni.createFrom().deferred(() -> {
            Call call = prepare(request);
            return call.model.invokeAsync(request.messages(), RunConfig.EMPTY)
                    .map(answer -> CompletionJson.of(call.rewrite(answer), newId(), now(), call.model.modelName()));
        }).onFailure().transform(failure -> apiException(failure, request.model()));
    }

    /**
     * The answer as {@code chat.completion.chunk}s, ending with the finish reason (and the usage when asked for). A
     * failure before the first chunk fails the stream before anything was sent, so it can still become an HTTP error.
     */
    public Multi<ObjectNode> stream(CompletionRequest request) {
        return Multi.createFrom().deferred(() -> {
            Call call = prepare(request);
            CompletionStream chunks = new CompletionStream(newId(), now(), call.model.modelName(), request.includeUsage());
            AnswerTool.StreamRewriter rewriter = call.answerTool == null ? null : call.answerTool.newStreamRewriter();
            Multi<AIMessageChunk> answer = call.model.stream(request.messages(), RunConfig.EMPTY);
            return answer
                    .onItem().transformToIterable(chunk -> chunks.next(rewriter == null ? chunk : rewriter.rewrite(chunk)))
                    .onCompletion().switchTo(() -> Multi.createFrom().iterable(chunks.finish()));
        }).onFailure().transform(failure -> apiException(failure, request.model()));
    }

    private Call prepare(CompletionRequest request) {
        if (!models.names().contains(request.model())) {
            throw new ApiError(404, ApiError.INVALID_REQUEST, "model_not_found", "model", "The model '"
                    + request.model() + "' does not exist: use one of the configured models " + models.names() + ".",
                    Map.of()).exception();
        }
        ChatModel model = models.get(request.model());
        if (!request.sampling().isEmpty()) {
            model = model.withSettings(request.sampling()::applyTo);
        }
        AnswerTool answerTool = null;
        Bindings bindings = model.bindings().withTools(request.tools(), request.toolChoice(), request.parallelToolCalls())
                .withResponseFormat(null);
        if (request.responseFormat() != null) {
            if (StructuredOutputMethod.defaultFor(model.capabilities(),
                    model.profile()) == StructuredOutputMethod.FUNCTION_CALLING) {
                answerTool = AnswerTool.of(request.responseFormat());
                bindings = bindings.withTools(withAnswerTool(request.tools(), answerTool),
                        answerChoice(request.tools(), request.toolChoice(), answerTool), request.parallelToolCalls());
            } else {
                bindings = bindings.withResponseFormat(request.responseFormat());
            }
        }
        return new Call(model.withBindings(bindings), answerTool);
    }

    private static List<ToolSpecification> withAnswerTool(List<ToolSpecification> tools, AnswerTool answerTool) {
        if (tools.stream().anyMatch(tool -> tool.name().equals(answerTool.name()))) {
            throw ApiError.invalidRequest("response_format", "invalid_value", "The response format '"
                    + answerTool.name() + "' has the name of a tool in 'tools': give it another name.").exception();
        }
        List<ToolSpecification> all = new ArrayList<>(tools);
        all.add(answerTool.specification());
        return all;
    }

    /**
     * The model must either answer through the answer tool or call one of the client's tools; a client forcing one of
     * its tools keeps that choice.
     */
    private static ToolChoice answerChoice(List<ToolSpecification> tools, ToolChoice requested, AnswerTool answerTool) {
        if (requested != null && requested.mode() == ToolChoice.Mode.TOOL) {
            return requested;
        }
        boolean clientToolsAllowed = !tools.isEmpty() && (requested == null || requested.mode() != ToolChoice.Mode.NONE);
        return clientToolsAllowed ? ToolChoice.ANY : ToolChoice.tool(answerTool.name());
    }

    /**
     * A model call's failure as the error the client gets; the original stays the cause, for the function's log. Any
     * other failure is a bug and passes on, so the function logs it with its stack trace and an error id. Both are
     * redacted: a secret a provider echoed must reach neither the client nor the log.
     */
    private Throwable apiException(Throwable failure, String model) {
        Throwable redacted = secrets.redact(failure);
        return failure instanceof ChatModelException
                ? FailureMapping.toApiError(redacted, model).redacted(secrets).exception(redacted)
                : redacted;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static String newId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }

    private record Call(ChatModel model, AnswerTool answerTool) {

        AIMessage rewrite(AIMessage answer) {
            return answerTool == null ? answer : answerTool.rewrite(answer);
        }
    }
}
