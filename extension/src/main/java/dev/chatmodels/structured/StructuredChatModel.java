package dev.chatmodels.structured;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.model.BatchResult;
import dev.chatmodels.model.BlockingCall;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.tool.ToolChoice;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A chat model whose answers are values of type {@code T}: made by {@code ChatModel.withStructuredOutput}. It binds
 * the model according to the method (a response format, or the schema as a forced tool), then reads each answer with
 * a {@link StructuredOutputParser}.
 * <p>
 * A call whose answer cannot be read fails with an {@link OutputParsingException} carrying the raw text; with
 * {@link #includeRaw()} the failure is captured in a {@link StructuredResult} next to the raw message instead. Errors
 * of the model call itself (HTTP, provider) fail the call either way.
 * <p>
 * {@link #stream} emits values as the answer grows: each time the JSON received so far (completed where it is cut
 * short) has at least one property and differs from the last one emitted, its value read leniently (no validation:
 * later properties are missing, the last string may be cut short, a value that cannot be bound yet is skipped). The
 * last item is always the complete answer, validated like {@link #invoke}, even when it equals the item before it; if
 * the complete answer breaks the schema the stream fails after the partial items.
 */
public final class StructuredChatModel<T> {

    private final ChatModel model;
    private final StructuredOutputParser<?> parser;
    private final Reader<T> reader;

    /**
     * How a message becomes a value: a complete answer when {@code partial} is {@code null}, else the answer so far
     * with {@code partial} the JSON it holds.
     */
    private interface Reader<T> {
        T read(AIMessage message, JsonNode partial);
    }

    private StructuredChatModel(ChatModel model, StructuredOutputParser<?> parser, Reader<T> reader) {
        this.model = model;
        this.parser = parser;
        this.reader = reader;
    }

    /**
     * A structured model over {@code model}: {@code method} {@code null} picks the provider's default (see
     * {@link StructuredOutputMethod#defaultFor}).
     */
    public static <T> StructuredChatModel<T> of(ChatModel model, OutputSchema<T> schema, StructuredOutputMethod method) {
        StructuredOutputMethod chosen = method == null
                ? StructuredOutputMethod.defaultFor(model.capabilities(), model.profile())
                : method;
        ChatModel bound = switch (chosen) {
            case JSON_SCHEMA -> model.withBindings(model.bindings().withResponseFormat(schema.responseFormat()));
            case JSON_MODE -> model.withBindings(model.bindings().withResponseFormat(ResponseFormat.jsonObject()));
            // One forced tool, called once: its arguments are the answer.
            case FUNCTION_CALLING ->
                model.bindTools(List.of(schema.toolSpecification()), ToolChoice.tool(schema.name()), false);
        };
        StructuredOutputParser<T> parser = new StructuredOutputParser<>(schema, chosen);
        return new StructuredChatModel<>(bound, parser,
                (message, partial) -> partial == null ? parser.parse(message) : parser.readPartial(partial));
    }

    /**
     * This model with each answer returned as a {@link StructuredResult}: the raw message, the value, and the parsing
     * error instead of an exception.
     */
    public StructuredChatModel<StructuredResult<T>> includeRaw() {
        Reader<T> values = reader;
        return new StructuredChatModel<>(model, parser, (message, partial) -> {
            if (partial != null) {
                return new StructuredResult<>(message, values.read(message, partial), null);
            }
            try {
                return new StructuredResult<>(message, values.read(message, null), null);
            } catch (OutputParsingException e) {
                return new StructuredResult<>(message, null, e);
            }
        });
    }

    /**
     * Reads the value of an answer of {@link #model()} obtained some other way, e.g. the final answer of a
     * {@link dev.chatmodels.tool.ToolLoop} run on {@code model()} when tools are bound too.
     */
    public T parse(AIMessage answer) {
        return reader.read(answer, null);
    }

    /** The underlying model, bound to the response format or the output tool. */
    public ChatModel model() {
        return model;
    }

    /** This structured model with {@code config} merged under each call's own config. */
    public StructuredChatModel<T> withConfig(RunConfig config) {
        return new StructuredChatModel<>(model.withConfig(config), parser, reader);
    }

    public T invoke(String prompt) {
        return invoke(List.of(HumanMessage.of(prompt)), RunConfig.EMPTY);
    }

    public T invoke(List<? extends Message> messages) {
        return invoke(messages, RunConfig.EMPTY);
    }

    /** Sends the messages and waits for the value. Not allowed on an event-loop thread. */
    public T invoke(List<? extends Message> messages, RunConfig config) {
        BlockingCall.requireAllowed("StructuredChatModel.invoke()", "invokeAsync()");
        return invokeAsync(messages, config).await().indefinitely();
    }

    public Uni<T> invokeAsync(String prompt) {
        return invokeAsync(List.of(HumanMessage.of(prompt)), RunConfig.EMPTY);
    }

    public Uni<T> invokeAsync(List<? extends Message> messages, RunConfig config) {
        return model.invokeAsync(messages, config).map(this::parse);
    }

    public Multi<T> stream(String prompt) {
        return stream(List.of(HumanMessage.of(prompt)), RunConfig.EMPTY);
    }

    /** Streams partial values and then the complete one, as described on this class. */
    public Multi<T> stream(List<? extends Message> messages, RunConfig config) {
        return Multi.createFrom().deferred(() -> {
            AIMessageChunk[] sum = { AIMessageChunk.empty() };
            JsonNode[] lastEmitted = { null };
            return model.stream(messages, config)
                    .onItem().transformToIterable(chunk -> {
                        sum[0] = sum[0].concat(chunk);
                        AIMessage soFar = sum[0].toMessage();
                        JsonNode json = parser.partialJson(soFar);
                        if (json == null || json.isEmpty() || json.equals(lastEmitted[0])) {
                            return List.of();
                        }
                        T value = reader.read(soFar, json);
                        if (value == null || value instanceof StructuredResult<?> r && r.parsed() == null) {
                            return List.of();
                        }
                        lastEmitted[0] = json;
                        return List.of(value);
                    })
                    .onCompletion().continueWith(() -> List.of(reader.read(sum[0].toMessage(), null)));
        });
    }

    /** Runs every input (bounded by {@link RunConfig#maxConcurrency()}); results in input order. */
    public Uni<List<BatchResult<T>>> batchAsync(List<? extends List<? extends Message>> inputs, RunConfig config) {
        return model.batchAsync(inputs, config).map(results -> results.stream()
                .map(result -> result.<T> map(this::parse)).toList());
    }

    /** Runs every input and waits for all of them; results in input order. Not allowed on an event-loop thread. */
    public List<BatchResult<T>> batch(List<? extends List<? extends Message>> inputs, RunConfig config) {
        BlockingCall.requireAllowed("StructuredChatModel.batch()", "batchAsync()");
        return batchAsync(inputs, config).await().indefinitely();
    }
}
