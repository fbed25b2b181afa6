package dev.chatmodels.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.callback.CallbackDispatcher;
import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.error.ChatModelException;
import dev.chatmodels.error.ProviderConnectionException;
import dev.chatmodels.error.ProviderError;
import dev.chatmodels.error.ProviderException;
import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.error.StreamInterruptedException;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ResponseMetadata;
import dev.chatmodels.profile.InputSupport;
import dev.chatmodels.profile.ModelProfile;
import dev.chatmodels.profile.ModelProfiles;
import dev.chatmodels.provider.ChatCodec;
import dev.chatmodels.provider.CredentialSettings;
import dev.chatmodels.provider.ModelCredentials;
import dev.chatmodels.provider.ProviderCapabilities;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.StreamDecoder;
import dev.chatmodels.ratelimit.RateLimiter;
import dev.chatmodels.resilience.CallGuard;
import dev.chatmodels.transport.ChatTransport;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.HttpResult;
import dev.chatmodels.transport.HttpStatusException;
import dev.chatmodels.transport.RequestAuthenticator;
import dev.chatmodels.usage.UsageScope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The one model implementation behind every HTTP provider: the provider's codec turns requests and answers into JSON,
 * the transport moves the JSON, the rate limiter and call guard wrap each call, and callbacks see every call.
 */
public final class HttpChatModel implements ChatModel {

    private final String configuredName;
    private final ProviderDescriptor provider;
    private final ChatCodec codec;
    private final ChatTransport transport;
    private final Map<String, String> headers;
    private final RequestAuthenticator authenticator;
    private final ModelSettings settings;
    private final Bindings bindings;
    private final RunConfig defaults;
    private final CallGuard guard;
    private final RateLimiter rateLimiter;
    private final SecretRedactor redactor;
    private final ModelProfile profile;
    private final DisableStreaming disableStreaming;
    private final Set<CachePoint> cachePoints;

    private HttpChatModel(Builder builder) {
        this.configuredName = builder.configuredName;
        this.provider = Objects.requireNonNull(builder.provider, "provider");
        ChatCodec providerCodec = provider.codec().get();
        this.codec = builder.useResponsesApi == null ? providerCodec : providerCodec.withResponsesApi(builder.useResponsesApi);
        this.transport = Objects.requireNonNull(builder.transport, "transport");
        ModelCredentials credentials = builder.credentials();
        RequestAuthenticator auth = credentials.authenticator();
        Map<String, String> allHeaders = new LinkedHashMap<>(provider.defaultHeaders());
        if (auth.isStatic()) {
            // a key in a header: computed once here, nothing per request
            allHeaders.putAll(auth.headers(null));
        }
        allHeaders.putAll(builder.headers);
        this.headers = Map.copyOf(allHeaders);
        this.authenticator = auth.isStatic() ? RequestAuthenticator.NONE : auth;
        this.settings = Objects.requireNonNull(builder.settings, "settings");
        this.bindings = builder.bindings;
        this.defaults = builder.defaults;
        this.guard = builder.guard;
        this.rateLimiter = builder.rateLimiter;
        this.redactor = SecretRedactor.of(SecretRedactor.modelSecrets(credentials.secrets(), builder.headers));
        this.profile = profileOf(settings, null);
        this.disableStreaming = builder.disableStreaming;
        this.cachePoints = builder.cachePoints;
    }

    private HttpChatModel(HttpChatModel from, ModelSettings settings, Bindings bindings, RunConfig defaults) {
        this.configuredName = from.configuredName;
        this.provider = from.provider;
        this.codec = from.codec;
        this.transport = from.transport;
        this.headers = from.headers;
        this.authenticator = from.authenticator;
        this.guard = from.guard;
        this.rateLimiter = from.rateLimiter;
        this.redactor = from.redactor;
        this.settings = settings;
        this.bindings = bindings;
        this.defaults = defaults;
        this.profile = profileOf(settings, from);
        this.disableStreaming = from.disableStreaming;
        this.cachePoints = from.cachePoints;
    }

    /** The configured profile, else the catalog's, looked up once per model name. */
    private ModelProfile profileOf(ModelSettings settings, HttpChatModel from) {
        if (settings.profile() != null) {
            return settings.profile();
        }
        if (from != null && from.settings.profile() == null && from.settings.modelName().equals(settings.modelName())) {
            return from.profile;
        }
        return ModelProfiles.find(provider.name(), settings.modelName());
    }

    public static Builder builder(ProviderDescriptor provider) {
        return new Builder(provider);
    }

    @Override
    public String provider() {
        return provider.name();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return provider.capabilities();
    }

    @Override
    public String modelName() {
        return settings.modelName();
    }

    @Override
    public ModelProfile profile() {
        return profile;
    }

    @Override
    public RunConfig defaults() {
        return defaults;
    }

    /** The name this model has in configuration ({@code <default>} for the default model), or {@code null}. */
    public String configuredName() {
        return configuredName;
    }

    public ModelSettings settings() {
        return settings;
    }

    @Override
    public Bindings bindings() {
        return bindings;
    }

    @Override
    public HttpChatModel bind(Map<String, Object> kwargs) {
        return new HttpChatModel(this, settings.withKwargs(kwargs), bindings, defaults);
    }

    @Override
    public HttpChatModel withConfig(RunConfig config) {
        return new HttpChatModel(this, settings, bindings, defaults.merge(config));
    }

    @Override
    public HttpChatModel withBindings(Bindings newBindings) {
        return new HttpChatModel(this, settings, newBindings, defaults);
    }

    @Override
    public HttpChatModel withSettings(UnaryOperator<ModelSettings> change) {
        return withSettings(change.apply(settings));
    }

    /** A model with other settings and everything else shared with this one. */
    public HttpChatModel withSettings(ModelSettings newSettings) {
        return new HttpChatModel(this, newSettings, bindings, defaults);
    }

    /** The request a call with these messages sends. */
    public ChatRequest request(List<? extends Message> messages) {
        List<Message> sent = cachePoints.isEmpty() ? List.copyOf(messages)
                : CacheBreakpoints.place(cachePoints, messages);
        return new ChatRequest(sent, settings, bindings.tools(), bindings.toolChoice(),
                bindings.parallelToolCalls(), bindings.responseFormat());
    }

    @Override
    public Uni<AIMessage> invokeAsync(List<? extends Message> messages, RunConfig config) {
        CallbackDispatcher callbacks = callbacks(config);
        if (callbacks.wantsTokens() && !disableStreaming.appliesTo(bindings)) {
            // auto-streaming: a listener consumes token events; the stream reports the call to the callbacks itself
            // (not when streaming is disabled: that stream is this invoke)
            return stream(messages, config).collect().asList().map(chunks -> AIMessageChunk.sum(chunks).toMessage());
        }
        ChatRequest request = request(messages);
        Uni<AIMessage> call = Uni.createFrom().deferred(() -> {
            callbacks.start(request.messages());
            RetryReport retries = callbacks.isListening() ? new RetryReport(callbacks) : null;
            boolean inline = encodesInline(request);
            if (inline && rateLimiter == RateLimiter.NONE) {
                // nothing to wait for: no operators for the encoding and the limiter (each costs per call)
                EncodedCall httpCall = httpCall(request, false, callbacks);
                return guard.guard(() -> attempt(retries, httpCall));
            }
            return encode(request, false, inline, callbacks).chain(httpCall -> admitted(request, callbacks)
                    .chain(() -> guard.guard(() -> attempt(retries, httpCall))));
        }).onFailure().transform(redactor::redact);
        // every Mutiny operator costs a context-propagation capture per call: only when someone listens
        return callbacks.isListening()
                ? call.invoke(callbacks::end).onFailure().invoke(callbacks::error).onCancellation().invoke(callbacks::cancel)
                : call;
    }

    /** Completes when the rate limiter admits the call; listening callbacks learn how long it waited. */
    private Uni<Void> admitted(ChatRequest request, CallbackDispatcher callbacks) {
        if (rateLimiter == RateLimiter.NONE || !callbacks.isListening()) {
            return rateLimiter.acquire(request.estimatedTokens());
        }
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return rateLimiter.acquire(request.estimatedTokens())
                    .invoke(() -> callbacks.rateLimiterWait(Duration.ofNanos(System.nanoTime() - start)));
        });
    }

    /** One attempt of a call, the guard asks for one per retry; {@code retries} is {@code null} when nobody listens. */
    private Uni<AIMessage> attempt(RetryReport retries, EncodedCall httpCall) {
        if (retries == null) {
            return send(httpCall);
        }
        retries.attemptStarts();
        return send(httpCall).onFailure().invoke(retries::attemptFailed);
    }

    @Override
    public Multi<AIMessageChunk> stream(List<? extends Message> messages, RunConfig config) {
        if (disableStreaming.appliesTo(bindings)) {
            // for gateways and models that cannot stream (tool calls): one ordinary request, its answer as one chunk
            return invokeAsync(messages, config).map(AIMessageChunk::of).toMulti();
        }
        ChatRequest request = request(messages);
        CallbackDispatcher callbacks = callbacks(config);
        Multi<AIMessageChunk> stream = Multi.createFrom().deferred(() -> {
            List<AIMessageChunk> received = new ArrayList<>();
            callbacks.start(request.messages());
            RetryReport retries = callbacks.isListening() ? new RetryReport(callbacks) : null;
            return new StreamObservation<>(guardedStream(request, callbacks, retries), chunk -> {
                received.add(chunk);
                callbacks.token(chunk);
            }, () -> {
                // summing a whole stream costs: only when someone listens
                if (callbacks.isListening()) {
                    callbacks.end(AIMessageChunk.sum(received).toMessage());
                }
            }, error -> {
                Throwable failure = redactor.redact(received.isEmpty() ? error
                        : new StreamInterruptedException(
                                provider.name() + " stream failed after " + received.size() + " chunks: "
                                        + error.getMessage(),
                                AIMessageChunk.sum(received), error));
                callbacks.error(failure);
                return failure;
            });
        });
        return callbacks.isListening() ? stream.onCancellation().invoke(callbacks::cancel) : stream;
    }

    private Multi<AIMessageChunk> guardedStream(ChatRequest request, CallbackDispatcher callbacks, RetryReport retries) {
        boolean inline = encodesInline(request);
        if (inline && rateLimiter == RateLimiter.NONE) {
            // nothing to wait for: no operators for the encoding and the limiter (each costs per call)
            EncodedCall call;
            try {
                call = httpCall(request, true, callbacks);
            } catch (RuntimeException e) {
                return Multi.createFrom().failure(e);
            }
            return guard.guardStream(() -> streamAttempt(retries, call));
        }
        return encode(request, true, inline, callbacks)
                .chain(call -> admitted(request, callbacks).replaceWith(call))
                .onItem().transformToMulti(call -> guard.guardStream(() -> streamAttempt(retries, call)));
    }

    /** One attempt of a stream, as {@link #attempt} for a call. */
    private Multi<AIMessageChunk> streamAttempt(RetryReport retries, EncodedCall call) {
        if (retries == null) {
            return streamOnce(call);
        }
        retries.attemptStarts();
        return streamOnce(call).onFailure().invoke(retries::attemptFailed);
    }

    /**
     * The HTTP call for a request, encoded once per model call: retries resend the same body. A large request is
     * encoded on a worker thread when the subscriber's thread must not block (an event loop).
     */
    private Uni<EncodedCall> encode(ChatRequest request, boolean stream, boolean inline, CallbackDispatcher callbacks) {
        Uni<EncodedCall> encoding = Uni.createFrom().item(() -> httpCall(request, stream, callbacks));
        return inline ? encoding : encoding.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Whether the request may be encoded on the subscriber's thread: it may block, or the request is small. */
    private static boolean encodesInline(ChatRequest request) {
        return Infrastructure.canCallerThreadBeBlocked() || !RequestSize.isLarge(request);
    }

    private EncodedCall httpCall(ChatRequest request, boolean stream, CallbackDispatcher callbacks) {
        InputSupport.requireSupported(profile, provider.name() + ":" + settings.modelName(), request.messages());
        InputSupport.requireReasoning(profile, provider.name() + ":" + settings.modelName(), settings.reasoning());
        ChatCodec chosen = codec.forRequest(request);
        return new EncodedCall(chosen, new HttpCall(chosen.path(request, stream), callbacks.requestHeaders(headers),
                json(chosen.encode(request, stream)), authenticator));
    }

    /** An HTTP call and the codec that encoded it, which decodes its answer. */
    private record EncodedCall(ChatCodec codec, HttpCall http) {
    }

    private Uni<AIMessage> send(EncodedCall call) {
        return new OutcomeMapping<>(transport.post(call.http()), result -> {
            try {
                return withStandardMetadata(call.codec().decode(parse(result)));
            } catch (RuntimeException e) {
                throw toReadFailure(e);
            }
        }, this::toChatModelException);
    }

    private Multi<AIMessageChunk> streamOnce(EncodedCall call) {
        return Multi.createFrom().deferred(() -> {
            StreamDecoder decoder = call.codec().newStreamDecoder();
            boolean[] first = { true };
            // decoded in the transport's event handler: a stream operator per step and event cost more than decoding
            return transport.stream(call.http(), provider.framing(), event -> {
                if (decoder.isComplete()) {
                    return List.<AIMessageChunk> of();
                }
                List<AIMessageChunk> chunks;
                try {
                    chunks = decoder.decode(event);
                } catch (RuntimeException e) {
                    throw toReadFailure(e);
                }
                if (first[0] && !chunks.isEmpty()) {
                    first[0] = false;
                    List<AIMessageChunk> marked = new ArrayList<>(chunks);
                    marked.set(0, withStandardMetadata(chunks.get(0)));
                    return marked;
                }
                return chunks;
            })
                    .onFailure().transform(this::toChatModelException)
                    // a connection closed cleanly in the middle of the answer must not pass for the whole answer
                    .onCompletion().switchTo(() -> decoder.isComplete() ? Multi.createFrom().<AIMessageChunk> empty()
                            : Multi.createFrom().failure(ProviderException.of(ProviderError.incompleteResponse(
                                    provider.name(), "model " + settings.modelName()
                                            + " ended its stream before the final event"))));
        });
    }

    private AIMessage withStandardMetadata(AIMessage message) {
        Map<String, Object> metadata = standardMetadata(message.responseMetadata());
        return metadata == message.responseMetadata() ? message : message.withResponseMetadata(metadata);
    }

    private AIMessageChunk withStandardMetadata(AIMessageChunk chunk) {
        Map<String, Object> metadata = standardMetadata(chunk.responseMetadata());
        return new AIMessageChunk(chunk.content(), chunk.toolCallChunks(), chunk.usage(), metadata, chunk.id());
    }

    private Map<String, Object> standardMetadata(Map<String, Object> metadata) {
        if (metadata.containsKey(ResponseMetadata.MODEL_PROVIDER)
                && (configuredName == null || metadata.containsKey(ResponseMetadata.CONFIGURED_MODEL))) {
            return metadata;
        }
        Map<String, Object> all = new LinkedHashMap<>(metadata);
        all.putIfAbsent(ResponseMetadata.MODEL_PROVIDER, provider.name());
        if (configuredName != null) {
            all.putIfAbsent(ResponseMetadata.CONFIGURED_MODEL, configuredName);
        }
        return all;
    }

    private ChatModelException toChatModelException(Throwable failure) {
        if (failure instanceof ChatModelException chatModelFailure) {
            return chatModelFailure;
        }
        if (failure instanceof HttpStatusException http) {
            ProviderError error = codec.decodeError(http.status(), http.headers(), http.body());
            return ProviderException.of(error);
        }
        return new ProviderConnectionException(
                "Could not complete the call to " + provider.name() + " model " + settings.modelName() + ": "
                        + failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : " " + failure.getMessage()),
                failure);
    }

    /**
     * An answer that arrived but could not be read is an unexpected answer (or a codec bug), not a connection problem:
     * retrying would not help.
     */
    private ChatModelException toReadFailure(Throwable failure) {
        return failure instanceof ChatModelException chatModelFailure ? chatModelFailure
                : new ChatModelException("Could not read the answer of " + provider.name() + " model "
                        + settings.modelName() + ": " + failure, failure);
    }

    private CallbackDispatcher callbacks(RunConfig config) {
        RunConfig effective = defaults.merge(config);
        List<dev.chatmodels.callback.ChatCallback> scopes = UsageScope.activeCallbacks();
        if (effective.callbacks().isEmpty() && scopes.isEmpty()) {
            // a run id costs a SecureRandom draw: only for callbacks that see it
            return CallbackDispatcher.NONE;
        }
        List<dev.chatmodels.callback.ChatCallback> all = new ArrayList<>(effective.callbacks());
        // a batch passes the scopes along in its config: count each call once
        scopes.stream().filter(scope -> !all.contains(scope)).forEach(all::add);
        RunInfo run = new RunInfo(UUID.randomUUID(), effective.runName(), effective.tags(), effective.metadata(),
                provider.name(), settings.modelName(), configuredName, settings.requestSettings(), profile);
        return new CallbackDispatcher(run, all);
    }

    private static String json(JsonNode body) {
        try {
            return Jackson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a request body", e);
        }
    }

    private JsonNode parse(HttpResult result) {
        if (result.body() == null || result.body().isBlank()) {
            throw ProviderException.of(ProviderError.invalidResponse(provider.name(),
                    "The answer (HTTP " + result.status() + ") has no body"));
        }
        try {
            return Jackson.MAPPER.readTree(result.body());
        } catch (JsonProcessingException e) {
            throw ProviderException.of(ProviderError.invalidResponse(provider.name(),
                    "The answer is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    @Override
    public String toString() {
        return "HttpChatModel[" + (configuredName == null ? "" : configuredName + "=") + provider.name() + ":"
                + settings.modelName() + "]";
    }

    /** Builds a model; its credentials authenticate its requests only and are never printed. */
    public static final class Builder {
        private final ProviderDescriptor provider;
        private String configuredName;
        private ChatTransport transport;
        private String apiKey;
        private ModelCredentials credentials;
        private Map<String, String> headers = Map.of();
        private ModelSettings settings;
        private Bindings bindings = Bindings.NONE;
        private RunConfig defaults = RunConfig.EMPTY;
        private CallGuard guard = CallGuard.NONE;
        private RateLimiter rateLimiter = RateLimiter.NONE;
        private DisableStreaming disableStreaming = DisableStreaming.FALSE;
        private Set<CachePoint> cachePoints = Set.of();
        private Boolean useResponsesApi;

        private Builder(ProviderDescriptor provider) {
            this.provider = provider;
        }

        public Builder configuredName(String name) {
            this.configuredName = name;
            return this;
        }

        public Builder transport(ChatTransport transport) {
            this.transport = transport;
            return this;
        }

        /** The key the provider's {@link ProviderDescriptor#authentication()} sends; see {@link #credentials}. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Credentials made of all the model's settings (wins over {@link #apiKey}); without either, none. */
        public Builder credentials(ModelCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        private ModelCredentials credentials() {
            if (credentials != null) {
                return credentials;
            }
            return apiKey == null ? ModelCredentials.NONE
                    : provider.authentication().credentials(new CredentialSettings(apiKey, null));
        }

        /** Extra headers sent with every request, after the provider's own. */
        public Builder headers(Map<String, String> headers) {
            this.headers = Map.copyOf(headers);
            return this;
        }

        public Builder settings(ModelSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder bindings(Bindings bindings) {
            this.bindings = bindings;
            return this;
        }

        public Builder defaults(RunConfig defaults) {
            this.defaults = defaults;
            return this;
        }

        public Builder guard(CallGuard guard) {
            this.guard = guard;
            return this;
        }

        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        /** When {@code stream} calls make one ordinary request instead; {@link DisableStreaming#FALSE} by default. */
        /** Where the model places prompt-cache breakpoints on its own. */
        public Builder cachePoints(Set<CachePoint> points) {
            this.cachePoints = Set.copyOf(points);
            return this;
        }

        /**
         * Whether to use OpenAI's Responses API: always, never, or {@code null} (the default) for when a request needs
         * it (see {@link ChatCodec#forRequest}).
         */
        public Builder useResponsesApi(Boolean value) {
            this.useResponsesApi = value;
            return this;
        }

        public Builder disableStreaming(DisableStreaming value) {
            this.disableStreaming = Objects.requireNonNull(value, "disableStreaming");
            return this;
        }

        public HttpChatModel build() {
            return new HttpChatModel(this);
        }
    }
}
