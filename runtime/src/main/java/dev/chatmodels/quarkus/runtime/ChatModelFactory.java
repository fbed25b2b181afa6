package dev.chatmodels.quarkus.runtime;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatmodels.callback.ChatCallback;
import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.model.HttpChatModel;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.model.Reasoning;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.profile.ModelProfile;
import dev.chatmodels.profile.ModelProfiles;
import dev.chatmodels.provider.MissingCredentialsException;
import dev.chatmodels.provider.ModelCredentials;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.quarkus.runtime.config.ModelConfig;
import dev.chatmodels.quarkus.runtime.resilience.ModelResilience;
import dev.chatmodels.quarkus.runtime.tool.ToolBeans;
import dev.chatmodels.quarkus.runtime.transport.ProxyAddress;
import dev.chatmodels.quarkus.runtime.transport.TransportSettings;
import dev.chatmodels.quarkus.runtime.transport.VertxTransport;
import dev.chatmodels.ratelimit.RateLimiter;
import dev.chatmodels.tool.ToolSet;
import io.quarkus.arc.All;
import io.vertx.core.Vertx;

/**
 * Builds {@link HttpChatModel}s from their settings, and owns their transports: models whose transport settings are
 * equal share one transport and its connection pool; all are closed at shutdown.
 */
@ApplicationScoped
public class ChatModelFactory {

    private static final Logger LOG = Logger.getLogger(ChatModelFactory.class);

    private final ModelResilience resilience;
    private final ToolBeans toolBeans;
    private final Vertx vertx;
    private final RunConfig defaults;
    private final ConcurrentMap<TransportSettings, VertxTransport> transports = new ConcurrentHashMap<>();

    /** @param callbacks the application's callback beans (and the extension's metrics and tracing), for every model */
    ChatModelFactory(ModelResilience resilience, ToolBeans toolBeans, Vertx vertx, @All List<ChatCallback> callbacks) {
        this.resilience = resilience;
        this.toolBeans = toolBeans;
        this.vertx = vertx;
        this.defaults = RunConfig.EMPTY.withCallbacks(callbacks.toArray(ChatCallback[]::new));
    }

    /**
     * The model configured as {@code configuredName} ({@code <default>} for the default model), bound to the tools of
     * the beans its {@code tools} property names.
     *
     * @throws IllegalArgumentException when its configuration is incomplete or wrong; the message names the property
     */
    public HttpChatModel create(String configuredName, ModelConfig config) {
        HttpChatModel model = create(configuredName, ModelSettingNames.of(configuredName), config, Map.of(),
                resilience.rateLimiter(configuredName, config));
        return config.tools().map(beans -> bound(model, toolBeans.configured(configuredName, beans))).orElse(model);
    }

    /** The model of {@link ChatModels#init}, bound to the tools of its {@code tools} option: bean tools first. */
    HttpChatModel create(String providerAndModel, InitOptions options) {
        RateLimiter rateLimiter = options.rateLimiter()
                .orElseGet(() -> resilience.rateLimiter(providerAndModel, options.config()));
        HttpChatModel model = create(null, ModelSettingNames.INIT_OPTIONS, options.config(), options.kwargs(),
                rateLimiter);
        List<Object> tools = new ArrayList<>();
        options.config().tools().ifPresent(beans -> tools.addAll(toolBeans.of(beans, "ChatModels.init option tools")));
        tools.addAll(options.tools());
        return tools.isEmpty() ? model : bound(model, tools);
    }

    private static HttpChatModel bound(HttpChatModel model, List<?> tools) {
        return model.withBindings(model.bindings().withTools(ToolSet.of(tools), null, null));
    }

    private HttpChatModel create(String configuredName, ModelSettingNames names, ModelConfig config,
            Map<String, Object> kwargs, RateLimiter rateLimiter) {
        ResolvedModel resolved = ResolvedModel.resolve(names, config.model(), config.provider())
                .atBaseUrl(config.baseUrl());
        Optional<String> region = ResolvedModel.region(config.region());
        ModelCredentials credentials = resolved.credentials(names, config.apiKey(), region);
        String label = configuredName == null ? resolved.reference().toString() : ChatModelsConfig.modelName(configuredName);
        TransportSettings transport = new TransportSettings(label, baseUri(names, config, resolved, region),
                config.connectTimeout(), config.timeout(), proxy(names, config), config.maxConnections(),
                config.logRequests(), config.logResponses(),
                logBodyLimit(names, config),
                SecretRedactor.of(SecretRedactor.modelSecrets(credentials.secrets(), config.headers())));
        String resilienceName = configuredName == null ? label : configuredName;
        return HttpChatModel.builder(resolved.provider())
                .configuredName(configuredName)
                .transport(transports.computeIfAbsent(transport, settings -> VertxTransport.create(vertx, settings)))
                .credentials(credentials)
                .headers(config.headers())
                .settings(settings(resolved, config, kwargs).withProfile(profile(names, config, resolved)))
                .guard(resilience.guard(resilienceName, config))
                .rateLimiter(rateLimiter)
                .disableStreaming(config.disableStreaming())
                .useResponsesApi(useResponsesApi(names, config, resolved))
                .cachePoints(config.cachePoints().map(Set::copyOf).orElse(Set.of()))
                .defaults(defaults)
                .build();
    }

    /**
     * The secrets of a configured model: those of its credentials (the API key, configured or from the environment...)
     * and credential headers.
     */
    static List<String> secrets(String configuredName, ModelConfig config) {
        ModelSettingNames names = ModelSettingNames.of(configuredName);
        List<String> credentials;
        try {
            credentials = ResolvedModel.resolve(names, config.model(), config.provider())
                    .credentials(names, config.apiKey(), ResolvedModel.region(config.region())).secrets();
        } catch (IllegalArgumentException e) {
            // the configuration check reports it; such a model makes no calls, but its configured key is still secret
            credentials = config.apiKey().stream().toList();
        }
        return SecretRedactor.modelSecrets(credentials, config.headers());
    }

    /** Checks everything {@link #create} needs from the configuration, without creating anything. */
    static void check(String configuredName, ModelConfig config) {
        ModelSettingNames names = ModelSettingNames.of(configuredName);
        ResolvedModel resolved = ResolvedModel.resolve(names, config.model(), config.provider());
        Optional<String> region = ResolvedModel.region(config.region());
        resolved.credentials(names, config.apiKey(), region);
        baseUri(names, config, resolved, region);
        profile(names, config, resolved);
        proxy(names, config);
        logBodyLimit(names, config);
        useResponsesApi(names, config, resolved);
    }

    /** The configured choice of OpenAI's Responses API; asking for it from a provider without one names the property. */
    private static Boolean useResponsesApi(ModelSettingNames names, ModelConfig config, ResolvedModel resolved) {
        Boolean use = config.useResponsesApi().orElse(null);
        if (use != null) {
            try {
                resolved.provider().codec().get().withResponsesApi(use);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(names.useResponsesApi() + "=" + use + ": provider "
                        + resolved.provider().name() + " has no Responses API; leave the key unset", e);
            }
        }
        return use;
    }

    private static int logBodyLimit(ModelSettingNames names, ModelConfig config) {
        if (config.logBodyLimit() < 0) {
            throw new IllegalArgumentException(names.logBodyLimit() + "=" + config.logBodyLimit()
                    + " is negative: set the most characters of a body to log, 0 or more");
        }
        return config.logBodyLimit();
    }

    private static ModelSettings settings(ResolvedModel resolved, ModelConfig config, Map<String, Object> kwargs) {
        Map<String, Object> allKwargs = new LinkedHashMap<>();
        config.params().forEach((name, value) -> allKwargs.put(name, ParamValue.typed(value)));
        allKwargs.putAll(kwargs);
        Integer budget = config.reasoningBudget().isPresent() ? config.reasoningBudget().getAsInt() : null;
        Reasoning reasoning = config.reasoningEffort().isPresent() || budget != null
                ? new Reasoning(config.reasoningEffort().orElse(null), budget)
                : null;
        return new ModelSettings(resolved.reference().modelName(),
                config.temperature().isPresent() ? config.temperature().getAsDouble() : null,
                config.maxTokens().isPresent() ? config.maxTokens().getAsInt() : null,
                config.stop().orElse(List.of()), allKwargs, null, reasoning);
    }

    /** The catalog's profile of the model with the configured overrides; {@code null} (the catalog's) without any. */
    private static ModelProfile profile(ModelSettingNames names, ModelConfig config, ResolvedModel resolved) {
        if (config.profile().isEmpty()) {
            return null;
        }
        ModelProfile profile = ModelProfiles.find(resolved.provider().name(), resolved.reference().modelName());
        for (Map.Entry<String, String> override : config.profile().entrySet()) {
            try {
                profile = profile.withOverrides(Map.of(override.getKey(), override.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        names.profile() + "." + override.getKey() + "=" + override.getValue() + ": " + e.getMessage());
            }
        }
        return profile;
    }

    private static URI baseUri(ModelSettingNames names, ModelConfig config, ResolvedModel resolved,
            Optional<String> region) {
        String url = config.baseUrl().filter(u -> !u.isBlank()).orElse(resolved.provider().defaultBaseUrl()).trim();
        if (url.contains(ProviderDescriptor.REGION_PLACEHOLDER)) {
            String withRegion = url;
            url = region.map(r -> withRegion.replace(ProviderDescriptor.REGION_PLACEHOLDER, r)).orElseThrow(
                    () -> new IllegalArgumentException(resolved.missing(names, MissingCredentialsException.Setting.REGION)
                            + ": the base URL " + withRegion + " of " + resolved.provider().name() + " needs a region"));
        }
        try {
            URI uri = URI.create(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(names.baseUrl() + "=" + url + " is not an http:// or https:// URL");
    }

    private static Optional<ProxyAddress> proxy(ModelSettingNames names, ModelConfig config) {
        return config.proxy().filter(p -> !p.isBlank()).map(p -> ProxyAddress.parse(p, names.proxy()));
    }

    @PreDestroy
    void closeTransports() {
        transports.values().forEach(transport -> {
            try {
                transport.close();
            } catch (RuntimeException e) {
                LOG.debugf(e, "Closing a chat model transport failed");
            }
        });
        transports.clear();
    }
}
