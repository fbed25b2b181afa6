package dev.chatmodels.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import dev.chatmodels.error.CircuitOpenException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.profile.ModelProfile;
import dev.chatmodels.provider.ProviderCapabilities;
import dev.chatmodels.resilience.CallGuard;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A model that tries other models in order when a call fails with an error worth falling back on: by default a
 * failure still there after the model's own retries that another attempt might not have
 * ({@link CallGuard#isRetryable}: rate limits, 5xx, connection failures, timeouts) or an open circuit breaker; more with
 * {@link #alsoFallingBackOn}. A stream falls back only before its first chunk: after it, a failure reaches the caller
 * so no text is repeated.
 * <p>
 * The answer's metadata names the model that gave it: {@link ResponseMetadata#MODEL_PROVIDER} and
 * {@link ResponseMetadata#MODEL_NAME}, and {@link ResponseMetadata#CONFIGURED_MODEL} for configured models. When every
 * model fails, the caller gets the last model's error with the earlier ones {@linkplain Throwable#getSuppressed()
 * suppressed} in it.
 * <p>
 * {@link #bind}, {@link #withConfig} and {@link #withBindings} apply to every model of the chain.
 */
public final class FallbackChatModel implements ChatModel {

    private final List<ChatModel> models;
    private final Predicate<Throwable> fallBackOn;

    private FallbackChatModel(List<ChatModel> models, Predicate<Throwable> fallBackOn) {
        this.models = models;
        this.fallBackOn = fallBackOn;
    }

    /** {@code primary}, then each of {@code fallbacks} in order. */
    public static FallbackChatModel of(ChatModel primary, List<? extends ChatModel> fallbacks) {
        if (primary == null || fallbacks == null || fallbacks.contains(null)) {
            throw new IllegalArgumentException("A fallback chain needs a primary model and non-null fallbacks");
        }
        List<ChatModel> all = new ArrayList<>();
        all.add(primary);
        all.addAll(fallbacks);
        return new FallbackChatModel(List.copyOf(all), FallbackChatModel::isTransient);
    }

    /**
     * Whether a failure is one the next model may not have, the default rule for falling back: a failure worth a retry
     * ({@link CallGuard#isRetryable}) or an open circuit breaker.
     */
    public static boolean isTransient(Throwable failure) {
        return CallGuard.isRetryable(failure) || failure instanceof CircuitOpenException;
    }

    /** A chain that also falls back on these exception types (and their subtypes). */
    @SafeVarargs
    public final FallbackChatModel alsoFallingBackOn(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> more = List.of(types);
        Predicate<Throwable> previous = fallBackOn;
        return new FallbackChatModel(models,
                failure -> previous.test(failure) || more.stream().anyMatch(type -> type.isInstance(failure)));
    }

    /** The primary model's: a tool loop over the chain reports its tool runs to the primary's callbacks. */
    @Override
    public RunConfig defaults() {
        return models.get(0).defaults();
    }

    /** The models in the order they are tried, the primary first. */
    public List<ChatModel> models() {
        return models;
    }

    @Override
    public Uni<AIMessage> invokeAsync(List<? extends Message> messages, RunConfig config) {
        return invokeFrom(0, messages, config, List.of());
    }

    private Uni<AIMessage> invokeFrom(int index, List<? extends Message> messages, RunConfig config,
            List<Throwable> earlier) {
        ChatModel model = models.get(index);
        return model.invokeAsync(messages, config)
                .map(message -> message.withResponseMetadata(answeredBy(model, message.responseMetadata())))
                .onFailure(fallBackOn).recoverWithUni(failure -> index + 1 < models.size()
                        ? invokeFrom(index + 1, messages, config, plus(earlier, failure))
                        : Uni.createFrom().failure(withSuppressed(failure, earlier)));
    }

    @Override
    public Multi<AIMessageChunk> stream(List<? extends Message> messages, RunConfig config) {
        return streamFrom(0, messages, config, List.of());
    }

    private Multi<AIMessageChunk> streamFrom(int index, List<? extends Message> messages, RunConfig config,
            List<Throwable> earlier) {
        ChatModel model = models.get(index);
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean started = new AtomicBoolean();
            return model.stream(messages, config)
                    .map(chunk -> started.compareAndSet(false, true) ? firstChunkOf(model, chunk) : chunk)
                    .onFailure(failure -> !started.get() && fallBackOn.test(failure))
                    .recoverWithMulti(failure -> index + 1 < models.size()
                            ? streamFrom(index + 1, messages, config, plus(earlier, failure))
                            : Multi.createFrom().failure(withSuppressed(failure, earlier)));
        });
    }

    private static AIMessageChunk firstChunkOf(ChatModel model, AIMessageChunk chunk) {
        return new AIMessageChunk(chunk.content(), chunk.toolCallChunks(), chunk.usage(),
                answeredBy(model, chunk.responseMetadata()), chunk.id());
    }

    private static Map<String, Object> answeredBy(ChatModel model, Map<String, Object> metadata) {
        if (metadata.containsKey(ResponseMetadata.MODEL_PROVIDER) && metadata.containsKey(ResponseMetadata.MODEL_NAME)) {
            return metadata;
        }
        Map<String, Object> all = new LinkedHashMap<>(metadata);
        all.putIfAbsent(ResponseMetadata.MODEL_PROVIDER, model.provider());
        all.putIfAbsent(ResponseMetadata.MODEL_NAME, model.modelName());
        return all;
    }

    private static List<Throwable> plus(List<Throwable> earlier, Throwable failure) {
        List<Throwable> all = new ArrayList<>(earlier);
        all.add(failure);
        return all;
    }

    private static Throwable withSuppressed(Throwable last, List<Throwable> earlier) {
        earlier.stream().filter(failure -> failure != last).forEach(last::addSuppressed);
        return last;
    }

    @Override
    public FallbackChatModel bind(Map<String, Object> kwargs) {
        return map(model -> model.bind(kwargs));
    }

    @Override
    public FallbackChatModel withConfig(RunConfig config) {
        return map(model -> model.withConfig(config));
    }

    @Override
    public FallbackChatModel withSettings(UnaryOperator<ModelSettings> change) {
        return map(model -> model.withSettings(change));
    }

    @Override
    public Bindings bindings() {
        return models.get(0).bindings();
    }

    @Override
    public FallbackChatModel withBindings(Bindings bindings) {
        return map(model -> model.withBindings(bindings));
    }

    private FallbackChatModel map(Function<ChatModel, ChatModel> derive) {
        return new FallbackChatModel(models.stream().map(derive).toList(), fallBackOn);
    }

    /** The primary model's provider. */
    @Override
    public String provider() {
        return models.get(0).provider();
    }

    /** The primary model's profile. */
    @Override
    public ModelProfile profile() {
        return models.get(0).profile();
    }

    /** The chain with {@code profile} as the primary model's profile: the fallbacks are other models. */
    @Override
    public FallbackChatModel withProfile(ModelProfile profile) {
        List<ChatModel> changed = new ArrayList<>(models);
        changed.set(0, models.get(0).withProfile(profile));
        return new FallbackChatModel(changed, fallBackOn);
    }

    /** The primary model's capabilities. */
    @Override
    public ProviderCapabilities capabilities() {
        return models.get(0).capabilities();
    }

    /** The primary model's name. */
    @Override
    public String modelName() {
        return models.get(0).modelName();
    }

    @Override
    public String toString() {
        return "FallbackChatModel" + models;
    }
}
