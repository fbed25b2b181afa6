package dev.chatmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.chatmodels.error.CircuitOpenException;
import dev.chatmodels.error.ProviderConnectionException;
import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.QuotaExceededException;
import dev.chatmodels.error.StreamInterruptedException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.provider.ProviderCapabilities;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.tool.ToolSpecification;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

class FallbackChatModelTest {

    private static final List<Message> HELLO = List.of(HumanMessage.of("hello"));

    @Test
    void theNextModelAnswersWhenThePrimaryFailsWithATransientError() {
        ScriptedModel primary = new ScriptedModel("openai", "gpt-4.1").failing(error(429, ProviderError.Kind.RATE_LIMIT));
        ScriptedModel backup = new ScriptedModel("anthropic", "claude-haiku-4-5").answering("from the backup");

        AIMessage answer = primary.withFallbacks(backup).invoke(HELLO);

        assertEquals("from the backup", answer.text());
        assertEquals("anthropic", answer.responseMetadata().get(ResponseMetadata.MODEL_PROVIDER));
        assertEquals("claude-haiku-4-5", answer.responseMetadata().get(ResponseMetadata.MODEL_NAME));
        assertEquals(1, primary.calls);
        assertEquals(1, backup.calls);
    }

    @Test
    void thePrimaryAnswersWithoutTouchingTheFallbacksWhenItWorks() {
        ScriptedModel primary = new ScriptedModel("openai", "gpt-4.1").answering("from the primary");
        ScriptedModel backup = new ScriptedModel("anthropic", "claude-haiku-4-5").answering("unused");

        AIMessage answer = primary.withFallbacks(backup).invoke(HELLO);

        assertEquals("from the primary", answer.text());
        assertEquals("gpt-4.1", answer.responseMetadata().get(ResponseMetadata.MODEL_NAME));
        assertEquals(0, backup.calls);
    }

    @Test
    void fallsBackOnConnectionFailuresOpenCircuitsAndServerErrorsInOrder() {
        ScriptedModel first = new ScriptedModel("openai", "a")
                .failing(new ProviderConnectionException("connection reset", null));
        ScriptedModel second = new ScriptedModel("openai", "b").failing(new CircuitOpenException("circuit open", null));
        ScriptedModel third = new ScriptedModel("openai", "c").failing(error(503, ProviderError.Kind.OVERLOADED));
        ScriptedModel fourth = new ScriptedModel("ollama", "llama3").answering("local");

        AIMessage answer = first.withFallbacks(second, third, fourth).invoke(HELLO);

        assertEquals("local", answer.text());
        assertEquals(List.of(1, 1, 1, 1), List.of(first.calls, second.calls, third.calls, fourth.calls));
    }

    @Test
    void permanentErrorsReachTheCallerWithoutFallingBack() {
        for (ProviderException permanent : List.of(error(400, ProviderError.Kind.BAD_REQUEST),
                error(401, ProviderError.Kind.AUTHENTICATION), error(429, ProviderError.Kind.QUOTA))) {
            ScriptedModel primary = new ScriptedModel("openai", "gpt-4.1").failing(permanent);
            ScriptedModel backup = new ScriptedModel("anthropic", "claude").answering("unused");

            Exception thrown = assertThrows(Exception.class, () -> primary.withFallbacks(backup).invoke(HELLO));

            assertSame(permanent, thrown, "HTTP " + permanent.status() + " is not worth another model");
            assertEquals(0, backup.calls);
        }
    }

    @Test
    void moreErrorTypesCanBeMadeToFallBack() {
        ProviderException quota = error(429, ProviderError.Kind.QUOTA);
        ScriptedModel primary = new ScriptedModel("openai", "gpt-4.1").failing(quota);
        ScriptedModel backup = new ScriptedModel("anthropic", "claude").answering("paid by another account");

        AIMessage answer = primary.withFallbacks(backup).alsoFallingBackOn(QuotaExceededException.class).invoke(HELLO);

        assertEquals("paid by another account", answer.text());
    }

    @Test
    void whenEveryModelFailsTheCallerGetsTheLastErrorWithTheEarlierOnesSuppressed() {
        ProviderException first = error(500, ProviderError.Kind.SERVER);
        ProviderConnectionException second = new ProviderConnectionException("refused", null);
        ScriptedModel primary = new ScriptedModel("openai", "a").failing(first);
        ScriptedModel backup = new ScriptedModel("anthropic", "b").failing(second);

        Exception thrown = assertThrows(Exception.class, () -> primary.withFallbacks(backup).invoke(HELLO));

        assertSame(second, thrown);
        assertEquals(List.of(first), List.of(thrown.getSuppressed()));
    }

    @Test
    void aStreamFallsBackBeforeItsFirstChunk() {
        ScriptedModel primary = new ScriptedModel("openai", "gpt-4.1")
                .streaming(() -> Multi.createFrom().failure(new ProviderConnectionException("reset", null)));
        ScriptedModel backup = new ScriptedModel("anthropic", "claude").streaming(
                () -> Multi.createFrom().items(AIMessageChunk.ofText("Hel", 0), AIMessageChunk.ofText("lo", 0)));

        List<AIMessageChunk> chunks = primary.withFallbacks(backup).stream(HELLO, RunConfig.EMPTY).collect().asList()
                .await().atMost(Duration.ofSeconds(5));

        AIMessageChunk total = AIMessageChunk.sum(chunks);
        assertEquals("Hello", total.text());
        assertEquals("claude", total.responseMetadata().get(ResponseMetadata.MODEL_NAME));
        assertEquals("anthropic", chunks.get(0).responseMetadata().get(ResponseMetadata.MODEL_PROVIDER));
    }

    @Test
    void aStreamThatFailsAfterItsFirstChunkDoesNotFallBack() {
        ProviderConnectionException reset = new ProviderConnectionException("reset mid-stream", null);
        ScriptedModel primary = new ScriptedModel("openai", "gpt-4.1").streaming(() -> Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(AIMessageChunk.ofText("Hel", 0)), Multi.createFrom().failure(reset)));
        ScriptedModel backup = new ScriptedModel("anthropic", "claude")
                .streaming(() -> Multi.createFrom().item(AIMessageChunk.ofText("Hello", 0)));
        List<String> received = new ArrayList<>();

        Throwable thrown = assertThrows(Throwable.class, () -> primary.withFallbacks(backup).stream(HELLO, RunConfig.EMPTY)
                .invoke(chunk -> received.add(chunk.text())).collect().asList().await().atMost(Duration.ofSeconds(5)));

        assertSame(reset, thrown);
        assertEquals(List.of("Hel"), received, "no text from another model after the first chunk");
        assertEquals(0, backup.streams);
    }

    @Test
    void anInterruptedStreamIsNeverRetriedElsewhere() {
        StreamInterruptedException interrupted = new StreamInterruptedException("cut", AIMessageChunk.empty(), null);
        ScriptedModel primary = new ScriptedModel("openai", "gpt-4.1")
                .streaming(() -> Multi.createFrom().failure(interrupted));
        ScriptedModel backup = new ScriptedModel("anthropic", "claude")
                .streaming(() -> Multi.createFrom().item(AIMessageChunk.ofText("Hello", 0)));

        Throwable thrown = assertThrows(Throwable.class, () -> primary.withFallbacks(backup).stream(HELLO, RunConfig.EMPTY)
                .collect().asList().await().atMost(Duration.ofSeconds(5)));

        assertSame(interrupted, thrown);
        assertEquals(0, backup.streams);
    }

    @Test
    void derivedModelsApplyToEveryModelOfTheChain() {
        ScriptedModel primary = new ScriptedModel("openai", "gpt-4.1");
        ScriptedModel backup = new ScriptedModel("anthropic", "claude");
        Bindings bindings = Bindings.NONE.withTools(List.of(ToolSpecification.of("lookup", "Looks up a word",
                dev.chatmodels.json.Jackson.MAPPER.createObjectNode().put("type", "object"))), null, null);
        RunConfig config = RunConfig.named("run");

        FallbackChatModel derived = primary.withFallbacks(backup).bind(Map.of("top_p", 0.5)).withConfig(config)
                .withBindings(bindings);

        for (ChatModel model : derived.models()) {
            ScriptedModel scripted = (ScriptedModel) model;
            assertEquals(Map.of("top_p", 0.5), scripted.kwargs, scripted.modelName());
            assertEquals("run", scripted.config.runName(), scripted.modelName());
            assertEquals(bindings, scripted.bindings(), scripted.modelName());
        }
        assertEquals(bindings, derived.bindings());
        assertEquals("openai", derived.provider());
        assertEquals("gpt-4.1", derived.modelName());
    }

    @Test
    void derivedChainsKeepTheirExtraFallbackErrors() {
        ProviderException quota = error(429, ProviderError.Kind.QUOTA);
        ScriptedModel primary = new ScriptedModel("openai", "gpt-4.1").failing(quota);
        ScriptedModel backup = new ScriptedModel("anthropic", "claude").answering("ok");

        FallbackChatModel chain = primary.withFallbacks(backup).alsoFallingBackOn(QuotaExceededException.class)
                .withConfig(RunConfig.named("derived"));

        assertEquals("ok", chain.invoke(HELLO).text());
    }

    @Test
    void aChainNeedsRealModels() {
        ScriptedModel primary = new ScriptedModel("openai", "gpt-4.1");
        assertThrows(IllegalArgumentException.class, () -> primary.withFallbacks((ChatModel) null));
        assertInstanceOf(FallbackChatModel.class, primary.withFallbacks());
    }

    private static ProviderException error(int status, ProviderError.Kind kind) {
        return ProviderException.of(new ProviderError("test", status, kind, "type", null, "HTTP " + status, null, null));
    }

    /** A model whose answers are scripted; derived copies share the script and record what they were given. */
    private static final class ScriptedModel implements ChatModel {
        private final String provider;
        private final String name;
        private final Deque<Supplier<Uni<AIMessage>>> answers;
        private final Deque<Supplier<Multi<AIMessageChunk>>> streamAnswers;
        private final Map<String, Object> kwargs;
        private final RunConfig config;
        private final Bindings bindings;
        private final ScriptedModel counter;
        int calls;
        int streams;

        ScriptedModel(String provider, String name) {
            this(provider, name, new ArrayDeque<>(), new ArrayDeque<>(), Map.of(), RunConfig.EMPTY, Bindings.NONE, null);
        }

        private ScriptedModel(String provider, String name, Deque<Supplier<Uni<AIMessage>>> answers,
                Deque<Supplier<Multi<AIMessageChunk>>> streamAnswers, Map<String, Object> kwargs, RunConfig config,
                Bindings bindings, ScriptedModel counter) {
            this.provider = provider;
            this.name = name;
            this.answers = answers;
            this.streamAnswers = streamAnswers;
            this.kwargs = kwargs;
            this.config = config;
            this.bindings = bindings;
            this.counter = counter == null ? this : counter;
        }

        ScriptedModel answering(String text) {
            answers.add(() -> Uni.createFrom().item(AIMessage.of(text)));
            return this;
        }

        ScriptedModel failing(Throwable failure) {
            answers.add(() -> Uni.createFrom().failure(failure));
            return this;
        }

        ScriptedModel streaming(Supplier<Multi<AIMessageChunk>> stream) {
            streamAnswers.add(stream);
            return this;
        }

        @Override
        public Uni<AIMessage> invokeAsync(List<? extends Message> messages, RunConfig config) {
            counter.calls++;
            Supplier<Uni<AIMessage>> next = answers.poll();
            return next == null ? Uni.createFrom().failure(new AssertionError(name + " was not expected to be called"))
                    : next.get();
        }

        @Override
        public Multi<AIMessageChunk> stream(List<? extends Message> messages, RunConfig config) {
            counter.streams++;
            Supplier<Multi<AIMessageChunk>> next = streamAnswers.poll();
            return next == null ? Multi.createFrom().failure(new AssertionError(name + " was not expected to stream"))
                    : next.get();
        }

        @Override
        public ChatModel bind(Map<String, Object> more) {
            return new ScriptedModel(provider, name, answers, streamAnswers, more, config, bindings, counter);
        }

        @Override
        public ChatModel withConfig(RunConfig more) {
            return new ScriptedModel(provider, name, answers, streamAnswers, kwargs, more, bindings, counter);
        }

        @Override
        public Bindings bindings() {
            return bindings;
        }

        @Override
        public ChatModel withBindings(Bindings more) {
            return new ScriptedModel(provider, name, answers, streamAnswers, kwargs, config, more, counter);
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
            return name;
        }
    }
}
