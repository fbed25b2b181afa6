package dev.chatmodels.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.Message;
import dev.chatmodels.profile.ModelProfile;
import dev.chatmodels.provider.ProviderCapabilities;
import dev.chatmodels.structured.OutputSchema;
import dev.chatmodels.structured.StructuredChatModel;
import dev.chatmodels.structured.StructuredOutputMethod;
import dev.chatmodels.tool.ToolChoice;
import dev.chatmodels.tool.ToolSet;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A model whose concrete model is chosen per call, like the reference's configurable models: a call's
 * {@link RunConfig#configurable()} values for the {@linkplain ConfigurableFields configurable fields} (written
 * {@code {prefix}_{field}} when a prefix is set, e.g. {@code first_model}) override the options given at creation, and
 * a {@link Source} makes the concrete model from the result. Values of other keys are ignored.
 * <p>
 * Concrete models are made once per distinct options and kept (at most {@value ConcreteModels#MAX_MODELS}); a call
 * without configurable values uses the model of the creation options. {@link #bindTools}, {@link #bind},
 * {@link #withConfig}, {@link #withSettings}, {@link #withProfile}, {@link #withBindings} and
 * {@link #withStructuredOutput} are queued and applied, in order, to whichever concrete model a call selects.
 * <p>
 * {@link #withStructuredOutput} without a method uses {@link StructuredOutputMethod#FUNCTION_CALLING}: the provider, and
 * so its default method, is only known per call, while the method decides how answers are read; function calling works
 * with every provider.
 */
public final class ConfigurableChatModel implements ChatModel {

    /** Makes a concrete model from options of {@code ChatModels.init}, e.g. {@code model}, {@code temperature}. */
    @FunctionalInterface
    public interface Source {
        ChatModel create(Map<String, Object> options);
    }

    private static final Logger LOG = Logger.getLogger(ConfigurableChatModel.class.getName());

    private final Source source;
    private final Map<String, Object> options;
    private final ConfigurableFields fields;
    private final String prefix;
    private final List<UnaryOperator<ChatModel>> queued;
    private final Bindings bindings;
    /** The models the source made, shared by the models derived from this one. */
    private final ConcreteModels made;
    /** The made models with the queued operations applied; {@link #made} itself when none are queued. */
    private final ConcreteModels selected;
    /** The model of a call without configurable values, made on first use. */
    private volatile ChatModel defaultModel;

    private ConfigurableChatModel(Source source, Map<String, Object> options, ConfigurableFields fields, String prefix,
            List<UnaryOperator<ChatModel>> queued, Bindings bindings, ConcreteModels made) {
        this.source = source;
        this.options = options;
        this.fields = fields;
        this.prefix = prefix;
        this.queued = queued;
        this.bindings = bindings;
        this.made = made;
        this.selected = queued.isEmpty() ? made : new ConcreteModels();
    }

    /**
     * A configurable model.
     *
     * @param options the options every call starts from; {@code model} may be missing, then calls must give it
     * @param fields the fields calls may set; {@code null}: {@code model} and {@code model_provider} when
     *        {@code options} has no model
     * @param prefix the prefix of the configurable keys ({@code first} makes {@code first_model} etc.), or {@code null}
     * @throws IllegalArgumentException when nothing is configurable, or no call could have a model
     */
    public static ConfigurableChatModel of(Source source, Map<String, ?> options, ConfigurableFields fields,
            String prefix) {
        Map<String, Object> normalized = normalize(options);
        ConfigurableFields chosen = fields != null ? fields
                : normalized.containsKey("model") ? null : ConfigurableFields.MODEL_AND_PROVIDER;
        if (chosen == null || !chosen.any() && chosen.names().isEmpty()) {
            throw new IllegalArgumentException("No configurable fields: set configurable_fields to \"any\" or a list "
                    + "such as [\"model\", \"temperature\"]");
        }
        if (!normalized.containsKey("model") && !chosen.allows("model")) {
            throw new IllegalArgumentException("No model and model is not configurable: give a model, or add model to "
                    + "configurable_fields");
        }
        if (chosen.any()) {
            LOG.warning("A configurable chat model with configurable_fields=\"any\": every call's configurable values "
                    + "can set its api_key and base_url, where its requests and key go. Let no untrusted input reach "
                    + "RunConfig.configurable, or list the configurable fields instead.");
        }
        String keyPrefix = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("_") ? prefix : prefix + "_";
        return new ConfigurableChatModel(Objects.requireNonNull(source, "source"), normalized, chosen, keyPrefix,
                List.of(), Bindings.NONE, new ConcreteModels());
    }

    private static Map<String, Object> normalize(Map<String, ?> options) {
        Map<String, Object> normalized = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            if (value != null) {
                normalized.put(ConfigurableFields.normalize(key), value);
            }
        });
        return Collections.unmodifiableMap(normalized);
    }

    /** The fields calls may set. */
    public ConfigurableFields fields() {
        return fields;
    }

    /** The prefix of the configurable keys, with its underscore ({@code first_}), or empty. */
    public String prefix() {
        return prefix;
    }

    @Override
    public Uni<AIMessage> invokeAsync(List<? extends Message> messages, RunConfig config) {
        Map<String, Object> chosen = optionsOf(config);
        ChatModel ready = cached(chosen);
        return ready != null ? ready.invokeAsync(messages, config)
                : making(chosen).chain(model -> model.invokeAsync(messages, config));
    }

    @Override
    public Multi<AIMessageChunk> stream(List<? extends Message> messages, RunConfig config) {
        Map<String, Object> chosen = optionsOf(config);
        ChatModel ready = cached(chosen);
        return ready != null ? ready.stream(messages, config)
                : making(chosen).onItem().transformToMulti(model -> model.stream(messages, config));
    }

    private ChatModel cached(Map<String, Object> chosen) {
        return chosen == options ? defaultModel : selected.cached(chosen);
    }

    /**
     * The model for these options, made when subscribed to: on a worker thread when the subscriber's thread must not
     * block (an event loop), since making one reads configuration and may open a connection pool.
     */
    private Uni<ChatModel> making(Map<String, Object> chosen) {
        return Uni.createFrom().deferred(() -> {
            Uni<ChatModel> making = Uni.createFrom().item(() -> model(chosen));
            return Infrastructure.canCallerThreadBeBlocked() ? making
                    : making.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        });
    }

    /**
     * The concrete model a call with {@code config} uses, with the queued operations applied: the same instance for the
     * same options. Made on first use, which may take a while: not on an event loop.
     *
     * @throws IllegalArgumentException when the options have no model, or the source refuses them
     */
    public ChatModel selectedModel(RunConfig config) {
        return model(optionsOf(config));
    }

    /**
     * The options of a call: the creation options when it sets no configurable field (the same instance), else a copy
     * with its values on top.
     */
    private Map<String, Object> optionsOf(RunConfig config) {
        if (config == null || config.configurable().isEmpty()) {
            return options;
        }
        Map<String, Object> chosen = null;
        for (Map.Entry<String, Object> entry : config.configurable().entrySet()) {
            if (entry.getValue() == null || !entry.getKey().startsWith(prefix)) {
                continue;
            }
            String field = ConfigurableFields.normalize(entry.getKey().substring(prefix.length()));
            if (fields.allows(field)) {
                if (chosen == null) {
                    chosen = new LinkedHashMap<>(options);
                }
                chosen.put(field, entry.getValue());
            }
        }
        return chosen == null || chosen.equals(options) ? options : Collections.unmodifiableMap(chosen);
    }

    /** The concrete model for these options, with the queued operations applied; made if need be. */
    private ChatModel model(Map<String, Object> chosen) {
        if (!chosen.containsKey("model")) {
            throw new IllegalArgumentException("No model for this call: pass one as the configurable value '" + prefix
                    + "model', e.g. RunConfig.EMPTY.withConfigurable(\"" + prefix + "model\", \"openai:gpt-4.1\")");
        }
        if (chosen == options) {
            ChatModel model = defaultModel;
            if (model == null) {
                model = selected.get(options, this::make);
                defaultModel = model;
            }
            return model;
        }
        return selected.get(chosen, this::make);
    }

    private ChatModel make(Map<String, Object> chosen) {
        ChatModel model = made == selected ? source.create(chosen) : made.get(chosen, source::create);
        for (UnaryOperator<ChatModel> operation : queued) {
            model = operation.apply(model);
        }
        return model;
    }

    /** This model with {@code operation} queued after the others. */
    private ConfigurableChatModel then(UnaryOperator<ChatModel> operation, Bindings newBindings) {
        List<UnaryOperator<ChatModel>> all = new ArrayList<>(queued);
        all.add(operation);
        return new ConfigurableChatModel(source, options, fields, prefix, List.copyOf(all), newBindings, made);
    }

    @Override
    public ConfigurableChatModel bind(Map<String, Object> kwargs) {
        Map<String, Object> copy = Map.copyOf(kwargs);
        return then(model -> model.bind(copy), bindings);
    }

    /**
     * A model whose calls use {@code config}: its configurable values for configurable fields become options of this
     * model, like those given at creation; the rest is applied to each concrete model.
     */
    @Override
    public ConfigurableChatModel withConfig(RunConfig config) {
        if (config == null) {
            return this;
        }
        Map<String, Object> chosen = optionsOf(config);
        Map<String, Object> rest = new LinkedHashMap<>(config.configurable());
        rest.keySet().removeIf(key -> key.startsWith(prefix)
                && fields.allows(ConfigurableFields.normalize(key.substring(prefix.length()))));
        RunConfig remaining = new RunConfig(config.runName(), config.tags(), config.metadata(), config.callbacks(),
                config.maxConcurrency(), config.recursionLimit(), rest);
        List<UnaryOperator<ChatModel>> all = new ArrayList<>(queued);
        all.add(model -> model.withConfig(remaining));
        return new ConfigurableChatModel(source, chosen, fields, prefix, List.copyOf(all), bindings, made);
    }

    @Override
    public ConfigurableChatModel withSettings(UnaryOperator<ModelSettings> change) {
        return then(model -> model.withSettings(change), bindings);
    }

    @Override
    public ConfigurableChatModel withProfile(ModelProfile profile) {
        return then(model -> model.withProfile(profile), bindings);
    }

    /** The bindings queued on this model (the concrete models may have more of their own, e.g. configured tools). */
    @Override
    public Bindings bindings() {
        return bindings;
    }

    @Override
    public ConfigurableChatModel withBindings(Bindings newBindings) {
        return then(model -> model.withBindings(newBindings), newBindings);
    }

    @Override
    public ConfigurableChatModel withBindings(UnaryOperator<Bindings> change) {
        return then(model -> model.withBindings(change), change.apply(bindings));
    }

    /** Checks the tools once, here; each concrete model gets them when a call selects it. */
    @Override
    public ConfigurableChatModel bindTools(List<?> tools, ToolChoice toolChoice, Boolean parallelToolCalls) {
        ToolSet toolSet = ToolSet.of(tools);
        toolSet.checkChoice(toolChoice);
        return withBindings(current -> current.withTools(toolSet, toolChoice, parallelToolCalls));
    }

    /** {@code method} {@code null} means {@link StructuredOutputMethod#FUNCTION_CALLING} (see the class comment). */
    @Override
    public <T> StructuredChatModel<T> withStructuredOutput(OutputSchema<T> schema, StructuredOutputMethod method) {
        return StructuredChatModel.of(this, schema, method == null ? StructuredOutputMethod.FUNCTION_CALLING : method);
    }

    /** The provider of the model of the creation options, or {@code configurable} when they have no model. */
    @Override
    public String provider() {
        return options.containsKey("model") ? model(options).provider() : "configurable";
    }

    /** The model name of the model of the creation options, or {@code configurable} when they have no model. */
    @Override
    public String modelName() {
        return options.containsKey("model") ? model(options).modelName() : "configurable";
    }

    /**
     * The capabilities of the model of the creation options; without one, none: a call may select any provider, so
     * nothing beyond what every provider can do may be assumed (structured output uses function calling).
     */
    @Override
    public ProviderCapabilities capabilities() {
        return options.containsKey("model") ? model(options).capabilities()
                : new ProviderCapabilities(false, false, false, false);
    }

    /** The profile of the model of the creation options, or an empty one when they have no model. */
    @Override
    public ModelProfile profile() {
        return options.containsKey("model") ? model(options).profile() : ModelProfile.EMPTY;
    }

    @Override
    public String toString() {
        // the options may hold an API key: only the field names
        return "ConfigurableChatModel[fields=" + (fields.any() ? "any" : fields.names()) + ", prefix=" + prefix + "]";
    }
}
