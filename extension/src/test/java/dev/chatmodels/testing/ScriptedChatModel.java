package dev.chatmodels.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.Message;
import dev.chatmodels.model.Bindings;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.provider.ProviderCapabilities;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.ProviderRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A chat model whose answers are scripted, for tests of what runs on top of a model (tool loops, structured output).
 * Derived models ({@link #withBindings} and the like) share the script and record every call: the messages sent and
 * the bindings in force.
 */
public final class ScriptedChatModel implements ChatModel {

    /** One call the model received. */
    public record Call(List<Message> messages, Bindings bindings) {
    }

    private final String provider;
    private final Deque<Function<List<Message>, AIMessage>> answers;
    private final Deque<List<AIMessageChunk>> streams;
    private final List<Call> calls;
    private final Bindings bindings;

    private ScriptedChatModel(String provider, Deque<Function<List<Message>, AIMessage>> answers,
            Deque<List<AIMessageChunk>> streams, List<Call> calls, Bindings bindings) {
        this.provider = provider;
        this.answers = answers;
        this.streams = streams;
        this.calls = calls;
        this.bindings = bindings;
    }

    /** A model of {@code provider} with nothing scripted yet. */
    public static ScriptedChatModel of(String provider) {
        return new ScriptedChatModel(provider, new ArrayDeque<>(), new ArrayDeque<>(),
                Collections.synchronizedList(new ArrayList<>()), Bindings.NONE);
    }

    /** The next call answers {@code answer}. */
    public ScriptedChatModel answering(AIMessage answer) {
        return answeringWith(messages -> answer);
    }

    /** The next call answers what {@code answer} makes of the messages it was sent. */
    public ScriptedChatModel answeringWith(Function<List<Message>, AIMessage> answer) {
        synchronized (answers) {
            answers.add(answer);
        }
        return this;
    }

    /** The next stream emits {@code chunks}. */
    public ScriptedChatModel streaming(List<AIMessageChunk> chunks) {
        synchronized (streams) {
            streams.add(chunks);
        }
        return this;
    }

    /** Every call received so far, in order. */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public Uni<AIMessage> invokeAsync(List<? extends Message> messages, RunConfig config) {
        return Uni.createFrom().item(() -> {
            calls.add(new Call(List.copyOf(messages), bindings));
            Function<List<Message>, AIMessage> next;
            synchronized (answers) {
                next = answers.poll();
            }
            if (next == null) {
                throw new AssertionError("The model was called more often than scripted: " + calls.size() + " calls");
            }
            return next.apply(List.copyOf(messages));
        });
    }

    @Override
    public Multi<AIMessageChunk> stream(List<? extends Message> messages, RunConfig config) {
        return Multi.createFrom().deferred(() -> {
            calls.add(new Call(List.copyOf(messages), bindings));
            List<AIMessageChunk> next;
            synchronized (streams) {
                next = streams.poll();
            }
            return next == null ? Multi.createFrom().failure(new AssertionError("No stream scripted"))
                    : Multi.createFrom().iterable(next);
        });
    }

    @Override
    public ChatModel bind(Map<String, Object> kwargs) {
        return this;
    }

    @Override
    public ChatModel withConfig(RunConfig config) {
        return this;
    }

    @Override
    public Bindings bindings() {
        return bindings;
    }

    @Override
    public ScriptedChatModel withBindings(Bindings newBindings) {
        return new ScriptedChatModel(provider, answers, streams, calls, newBindings);
    }

    @Override
    public String provider() {
        return provider;
    }

    /** The capabilities of the provider of that name; a name the registry does not know gets OpenAI's. */
    @Override
    public ProviderCapabilities capabilities() {
        return ProviderRegistry.find(provider).map(ProviderDescriptor::capabilities)
                .orElse(ProviderCapabilities.OPENAI_COMPATIBLE);
    }

    @Override
    public String modelName() {
        return "scripted";
    }
}
