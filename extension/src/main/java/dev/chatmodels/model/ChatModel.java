package dev.chatmodels.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.callback.ChatCallback;
import dev.chatmodels.callback.EventFilter;
import dev.chatmodels.callback.RunEvent;
import dev.chatmodels.callback.RunEventCollector;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.MessageJson;
import dev.chatmodels.profile.ModelProfile;
import dev.chatmodels.profile.ModelProfiles;
import dev.chatmodels.provider.ProviderCapabilities;
import dev.chatmodels.structured.OutputSchema;
import dev.chatmodels.structured.StructuredChatModel;
import dev.chatmodels.structured.StructuredOutputMethod;
import dev.chatmodels.tool.ChatTool;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSet;
import dev.chatmodels.tool.ToolSpecification;
import dev.chatmodels.usage.UsageScope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A chat model: invoke it, stream it, batch it, and derive configured copies of it. Models are immutable and
 * thread-safe; {@link #bind} and {@link #withConfig} return new models that share the transport, guards and rate
 * limiter of this one.
 * <p>
 * {@code invoke} and {@code batch} block the calling thread, and refuse to run on an event-loop thread: use
 * {@code invokeAsync}, {@code stream} or {@code batchAsync} there.
 */
public interface ChatModel {

    /** Sends the messages and delivers the answer without blocking. */
    Uni<AIMessage> invokeAsync(List<? extends Message> messages, RunConfig config);

    /**
     * Sends the messages and streams the answer. Chunks add up with {@link AIMessageChunk#concat}; cancelling the
     * subscription cancels the HTTP request.
     */
    Multi<AIMessageChunk> stream(List<? extends Message> messages, RunConfig config);

    /**
     * A model that adds provider keyword arguments to every request, e.g. {@code Map.of("logprobs", true)} or
     * {@code Map.of("top_p", 0.9)}; they are merged into the request body as they are.
     */
    ChatModel bind(Map<String, Object> kwargs);

    /** A model whose calls use {@code config} merged under each call's own config. */
    ChatModel withConfig(RunConfig config);

    /**
     * A model whose generation settings are {@code change} applied to this model's, e.g. another temperature for one
     * request; everything else is shared with this model. Models that delegate to others apply it to each of them.
     *
     * @throws UnsupportedOperationException for a model that has no settings of its own to change
     */
    default ChatModel withSettings(UnaryOperator<ModelSettings> change) {
        throw new UnsupportedOperationException(getClass().getName() + " has no settings to change");
    }

    /** What this model is bound to: tools, tool choice, response format. */
    Bindings bindings();

    /**
     * The run configuration every call of this model starts from (its {@link #withConfig} settings and, in a Quarkus
     * application, the application's {@link ChatCallback} beans); a call's own configuration is merged on top.
     */
    default RunConfig defaults() {
        return RunConfig.EMPTY;
    }

    /** A model with other bindings and everything else shared with this one. */
    ChatModel withBindings(Bindings bindings);

    /**
     * A model whose bindings are {@code change} applied to this model's; a model that chooses its model per call
     * ({@link ConfigurableChatModel}) applies it to each.
     */
    default ChatModel withBindings(UnaryOperator<Bindings> change) {
        return withBindings(change.apply(bindings()));
    }

    /** The provider name, e.g. {@code openai}. */
    String provider();

    /** What the provider's API can do: asked instead of its name (e.g. by {@link StructuredOutputMethod#defaultFor}). */
    ProviderCapabilities capabilities();

    /** The provider's model name, e.g. {@code gpt-4.1}. */
    String modelName();

    /**
     * What the model can do and what it costs: the catalog's profile of the model (see {@link ModelProfiles}) with the
     * configured overrides; {@link ModelProfile#EMPTY} for a model the catalog lacks.
     */
    default ModelProfile profile() {
        return ModelProfiles.find(provider(), modelName());
    }

    /**
     * A model with {@code profile} in place of its own, e.g. {@code model.withProfile(model.profile().with(
     * ProfileField.MAX_INPUT_TOKENS, 64_000))}; this model and its profile are unchanged.
     */
    default ChatModel withProfile(ModelProfile profile) {
        return withSettings(settings -> settings.withProfile(profile));
    }

    /**
     * A model that tries {@code fallbacks} in order when this one fails with a transient error after its own retries
     * (see {@link FallbackChatModel}).
     */
    default FallbackChatModel withFallbacks(ChatModel... fallbacks) {
        return FallbackChatModel.of(this, java.util.Arrays.asList(fallbacks));
    }

    /** {@link #bindTools(List, ToolChoice, Boolean)} letting the model choose, with the provider's parallelism. */
    default ChatModel bindTools(List<?> tools) {
        return bindTools(tools, null, null);
    }

    /** {@link #bindTools(List, ToolChoice, Boolean)} with the provider's parallelism. */
    default ChatModel bindTools(List<?> tools, ToolChoice toolChoice) {
        return bindTools(tools, toolChoice, null);
    }

    /**
     * A model that may call {@code tools}, replacing any bound before. Tools are {@link ChatTool}s (run by
     * {@link dev.chatmodels.tool.ToolLoop}), {@link ToolSpecification}s, provider built-in tools as {@code Map}s,
     * record classes, or objects with {@link dev.chatmodels.tool.Tool} methods (see {@link ToolSet#of}).
     *
     * @param toolChoice {@code null} (the provider's default), {@link ToolChoice#AUTO}, {@link ToolChoice#ANY},
     *        {@link ToolChoice#NONE} or {@link ToolChoice#tool(String)} naming one of {@code tools}
     * @param parallelToolCalls {@code false} asks for at most one tool call per answer where the provider supports
     *        it; {@code null} leaves the provider's default
     */
    default ChatModel bindTools(List<?> tools, ToolChoice toolChoice, Boolean parallelToolCalls) {
        ToolSet toolSet = ToolSet.of(tools);
        toolSet.checkChoice(toolChoice);
        return withBindings(bindings().withTools(toolSet, toolChoice, parallelToolCalls));
    }

    /** Answers bound to {@code type} (a record or POJO), with the provider's default method. */
    default <T> StructuredChatModel<T> withStructuredOutput(Class<T> type) {
        return withStructuredOutput(OutputSchema.of(type), null);
    }

    /** Answers bound to {@code type} (a record or POJO) with {@code method}; {@code null} for the provider's default. */
    default <T> StructuredChatModel<T> withStructuredOutput(Class<T> type, StructuredOutputMethod method) {
        return withStructuredOutput(OutputSchema.of(type), method);
    }

    /** Answers as maps following a {@code Map}-shaped JSON Schema (not validated), with {@code method}. */
    default StructuredChatModel<Map<String, Object>> withStructuredOutput(Map<String, ?> jsonSchema,
            StructuredOutputMethod method) {
        return withStructuredOutput(OutputSchema.of(jsonSchema), method);
    }

    /** Answers as maps following a JSON Schema given as text (not validated), with {@code method}. */
    default StructuredChatModel<Map<String, Object>> withStructuredOutput(String jsonSchema,
            StructuredOutputMethod method) {
        return withStructuredOutput(OutputSchema.ofJson(jsonSchema), method);
    }

    /**
     * A model whose answers follow {@code schema}, obtained with {@code method} ({@code null}: the provider's default,
     * see {@link StructuredOutputMethod#defaultFor}). Use {@link StructuredChatModel#includeRaw()} to get the raw
     * message and any parsing error along with the value.
     */
    default <T> StructuredChatModel<T> withStructuredOutput(OutputSchema<T> schema, StructuredOutputMethod method) {
        return StructuredChatModel.of(this, schema, method);
    }

    default AIMessage invoke(String prompt) {
        return invoke(List.of(HumanMessage.of(prompt)), RunConfig.EMPTY);
    }

    /**
     * Sends the messages and waits for the answer. Each element is a {@link Message} or a message in its dictionary
     * form, as the reference takes them: a {@code Map} ({@code {"role": "user", "content": "Hi"}}), a
     * {@code [role, content]} pair as a {@code List}, a {@code String} (a human message) or a Jackson node (see
     * {@link MessageJson#fromJson}).
     */
    default AIMessage invoke(List<?> messages) {
        return invoke(messages, RunConfig.EMPTY);
    }

    /** Like {@link #invoke(List)}, with {@code config}. Not allowed on an event-loop thread. */
    default AIMessage invoke(List<?> messages, RunConfig config) {
        BlockingCall.requireAllowed("ChatModel.invoke()", "invokeAsync()");
        return invokeAsync(MessageJson.listFrom(messages), config).await().indefinitely();
    }

    /** Sends a JSON array of messages, each in a form {@link MessageJson#fromJson} takes, and waits for the answer. */
    default AIMessage invoke(JsonNode messages) {
        return invoke(MessageJson.listFromJson(messages), RunConfig.EMPTY);
    }

    default Uni<AIMessage> invokeAsync(String prompt) {
        return invokeAsync(List.of(HumanMessage.of(prompt)), RunConfig.EMPTY);
    }

    default Multi<AIMessageChunk> stream(String prompt) {
        return stream(List.of(HumanMessage.of(prompt)), RunConfig.EMPTY);
    }

    /**
     * The events of a streamed call of this model, in the reference's v2 vocabulary (see {@link RunEvent}):
     * {@code on_chat_model_start}, an {@code on_chat_model_stream} per chunk, {@code on_chat_model_end}. The input is
     * given as {@link #invoke(List)} takes it. Cancelling the subscription cancels the call.
     */
    default Multi<RunEvent> streamEvents(List<?> input, RunConfig config) {
        return streamEvents(input, config, EventFilter.ALL);
    }

    /** {@link #streamEvents(List, RunConfig)}, only the events {@code filter} accepts. */
    default Multi<RunEvent> streamEvents(List<?> input, RunConfig config, EventFilter filter) {
        List<Message> messages = MessageJson.listFrom(input);
        RunConfig effective = config == null ? RunConfig.EMPTY : config;
        return RunEventCollector.events(filter, collector -> stream(messages, effective.withCallbacks(collector)));
    }

    /** Streams the answer to messages given as {@link #invoke(List)} takes them. */
    default Multi<AIMessageChunk> stream(List<?> messages) {
        return stream(MessageJson.listFrom(messages), RunConfig.EMPTY);
    }

    /**
     * Runs every input, at most {@link RunConfig#maxConcurrency()} at a time, and delivers one result per input as
     * each completes. A failed input gives a failed {@link BatchResult}; the others go on.
     */
    default Multi<BatchResult<AIMessage>> batchAsCompleted(List<? extends List<? extends Message>> inputs,
            RunConfig config) {
        // Inputs beyond the first maxConcurrency start on the thread that completed an earlier one: carry the usage
        // scopes open here along, so that they see every input.
        RunConfig effective = (config == null ? RunConfig.EMPTY : config)
                .withCallbacks(UsageScope.activeCallbacks().toArray(ChatCallback[]::new));
        return Multi.createFrom().range(0, inputs.size())
                .onItem().transformToUni(index -> invokeAsync(inputs.get(index), effective)
                        .map(message -> BatchResult.success(index, message))
                        .onFailure().recoverWithItem(error -> BatchResult.<AIMessage> failure(index, error)))
                .merge(effective.effectiveMaxConcurrency());
    }

    /** Runs every input concurrently (bounded as in {@link #batchAsCompleted}) and delivers results in input order. */
    default Uni<List<BatchResult<AIMessage>>> batchAsync(List<? extends List<? extends Message>> inputs,
            RunConfig config) {
        return batchAsCompleted(inputs, config).collect().asList().map(results -> {
            List<BatchResult<AIMessage>> ordered = new ArrayList<>(results);
            ordered.sort(Comparator.comparingInt(BatchResult::index));
            return ordered;
        });
    }

    /**
     * Runs every input and waits for all of them; results are in input order, failed inputs as failed results (see
     * {@link BatchResult#getOrThrow()}). Not allowed on an event-loop thread.
     */
    default List<BatchResult<AIMessage>> batch(List<? extends List<? extends Message>> inputs, RunConfig config) {
        BlockingCall.requireAllowed("ChatModel.batch()", "batchAsync()");
        return batchAsync(inputs, config).await().indefinitely();
    }

    /** {@link #batch} of single prompts. */
    default List<BatchResult<AIMessage>> batchPrompts(List<String> prompts, RunConfig config) {
        return batch(prompts.stream().map(p -> List.of(HumanMessage.of(p))).toList(), config);
    }
}
