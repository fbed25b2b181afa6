package dev.chatmodels.quarkus.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.ConfigurableChatModel;
import dev.chatmodels.model.ConfigurableFields;
import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.quarkus.runtime.config.ModelConfig;
import dev.chatmodels.quarkus.runtime.resilience.ConfiguredFallbacks;

/**
 * The application's chat models: every model of the run-time configuration by name (including names that only appear
 * at run time, in system properties or environment variables), and models created in code from a
 * {@code "provider:model"} reference, like the reference's {@code init_chat_model}.
 *
 * <pre>
 * &#64;Inject
 * ChatModels models;
 *
 * ChatModel fast = models.get("fast");
 * ChatModel haiku = models.init("anthropic:claude-haiku-4-5", Map.of("temperature", 0.2, "max_tokens", 512));
 * </pre>
 */
@ApplicationScoped
public class ChatModels {

    /** The name of the default model, the one configured directly under {@code quarkus.chat-models}. */
    public static final String DEFAULT = ChatModelsConfig.DEFAULT_MODEL;

    private final ChatModelsConfig config;
    private final ChatModelFactory factory;
    private final ConcurrentMap<String, ChatModel> models = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ChatModel> plainModels = new ConcurrentHashMap<>();

    ChatModels(ChatModelsConfig config, ChatModelFactory factory) {
        this.config = config;
        this.factory = factory;
    }

    /** The names of the configured models, {@code default} first when the default model is configured. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        config.models().forEach((name, model) -> {
            if (model.model().isPresent()) {
                names.add(ChatModelsConfig.modelName(name));
            }
        });
        Set<String> ordered = new LinkedHashSet<>();
        if (names.remove(DEFAULT)) {
            ordered.add(DEFAULT);
        }
        ordered.addAll(names);
        return Collections.unmodifiableSet(ordered);
    }

    /**
     * The configured model {@code name}; {@code default} is the default model. Each name gives the same instance
     * every time, also the one injected with {@code @ModelName(name)}; with its configured fallbacks behind it, if any.
     *
     * @throws IllegalArgumentException when no model of that name is configured; the message names the property
     */
    public ChatModel get(String name) {
        return models.computeIfAbsent(ChatModelsConfig.key(name),
                k -> ConfiguredFallbacks.chain(configured(k), withoutFallbacks(k), this::withoutFallbacks));
    }

    /** The model configured as {@code key} on its own: what other models fall back on, sharing its guard and limiter. */
    private ChatModel withoutFallbacks(String key) {
        return plainModels.computeIfAbsent(key, k -> factory.create(k, configured(k)));
    }

    /** A model created in code: {@code "provider:model"}, or a bare model name whose provider is known by prefix. */
    public ChatModel init(String providerAndModel) {
        return init(providerAndModel, Map.of());
    }

    /**
     * A model created in code, like the reference's {@code init_chat_model}. Options (snake_case or kebab-case): any
     * key of a configured model, e.g. {@code api_key}, {@code base_url}, {@code temperature}, {@code max_tokens},
     * {@code stop}, {@code timeout} (seconds, or a {@link java.time.Duration}), {@code max_retries}, {@code proxy},
     * {@code headers} (a map), {@code rate_limit} (a map), {@code fallbacks} (names of configured models);
     * {@code model_provider} for a bare model name of no known
     * prefix; {@code rate_limiter} for a {@link dev.chatmodels.ratelimit.RateLimiter}; {@code tools}, a list of names of
     * beans with {@code @Tool} methods and of tools in any form {@link dev.chatmodels.tool.ToolSet#of} accepts (e.g.
     * {@link dev.chatmodels.tool.ChatTool}s), to bind the model to; {@code disable_streaming}; the reference's own
     * spellings of these (e.g. {@code openai_proxy}, {@code default_headers}); {@code configurable_fields} and
     * {@code config_prefix} make a {@link #configurable} model. Any other option is a provider
     * request parameter, e.g. {@code top_p} or {@code logprobs}. The API key defaults to the provider's environment
     * variable. Each call creates a new model.
     *
     * @throws IllegalArgumentException when the provider cannot be told, is not supported, needs an API key that is
     *         missing, or a fallback is not configured
     */
    public ChatModel init(String providerAndModel, Map<String, ?> options) {
        if (options.keySet().stream().anyMatch(ChatModels::isConfigurableOption)) {
            Map<String, Object> all = new LinkedHashMap<>(options);
            all.put("model", providerAndModel);
            return configurable(all);
        }
        return concrete(providerAndModel, options);
    }

    /**
     * A configurable model, like the reference's {@code init_chat_model} with {@code configurable_fields} or without a
     * model: each call's {@code RunConfig.configurable()} values for the configurable fields override these options and
     * choose the model the call uses (see {@link ConfigurableChatModel}), made as {@link #init} makes models. Options:
     * those of {@link #init}, plus {@code model} (none: each call must give one), {@code configurable_fields}
     * ({@code "any"} or a list of option names; default {@code model} and {@code model_provider} when no model is given)
     * and {@code config_prefix} (the configurable keys are then {@code {prefix}_{field}}). {@code api_key} and
     * {@code base_url} are configurable only when listed, or with {@code "any"}, which logs a warning.
     *
     * @throws IllegalArgumentException when no field is configurable, or no call could have a model
     */
    public ConfigurableChatModel configurable(Map<String, ?> options) {
        Map<String, Object> modelOptions = new LinkedHashMap<>();
        Object fields = null;
        Object prefix = null;
        for (Map.Entry<String, ?> option : options.entrySet()) {
            String key = option.getKey().replace('-', '_').toLowerCase(Locale.ROOT);
            if (key.equals("configurable_fields")) {
                fields = option.getValue();
            } else if (key.equals("config_prefix")) {
                prefix = option.getValue();
            } else {
                modelOptions.put(option.getKey(), option.getValue());
            }
        }
        return ConfigurableChatModel.of(this::concrete, modelOptions,
                fields == null ? null : ConfigurableFields.parse("configurable_fields", fields),
                prefix == null ? null : String.valueOf(prefix));
    }

    /** The concrete model of a configurable model's options. */
    private ChatModel concrete(Map<String, Object> options) {
        Map<String, Object> rest = new LinkedHashMap<>(options);
        Object model = rest.remove("model");
        return concrete(String.valueOf(model), rest);
    }

    private ChatModel concrete(String providerAndModel, Map<String, ?> options) {
        InitOptions read = InitOptions.read(providerAndModel, options);
        return ConfiguredFallbacks.chain(read.config(), factory.create(providerAndModel, read), this::withoutFallbacks);
    }

    private static boolean isConfigurableOption(String key) {
        String normalized = key.replace('-', '_').toLowerCase(Locale.ROOT);
        return normalized.equals("configurable_fields") || normalized.equals("config_prefix");
    }

    private ModelConfig configured(String key) {
        ModelConfig model = config.models().get(key);
        if (model == null || model.model().isEmpty()) {
            throw new IllegalArgumentException(
                    "No chat model named '" + ChatModelsConfig.modelName(key) + "' is configured: set "
                            + ChatModelsConfig.prefix(key) + "model=provider:model (configured: " + names() + ")");
        }
        return model;
    }

    /**
     * A redactor of the secrets of every configured model (API keys, credential headers) and of {@code moreSecrets}: for
     * code that writes model failures or logs outside the models, as a second line of defence.
     */
    public SecretRedactor redactor(Collection<String> moreSecrets) {
        List<String> secrets = new ArrayList<>(moreSecrets);
        config.models().forEach((key, model) -> {
            if (model.model().isPresent()) {
                secrets.addAll(ChatModelFactory.secrets(key, model));
            }
        });
        return SecretRedactor.of(secrets);
    }

    static boolean isDefault(String name) {
        return ChatModelsConfig.DEFAULT_NAME.equals(ChatModelsConfig.key(name));
    }
}
