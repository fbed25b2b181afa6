package dev.chatmodels.quarkus.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import dev.chatmodels.model.CachePoint;
import dev.chatmodels.model.DisableStreaming;
import dev.chatmodels.model.Reasoning;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.smallrye.config.WithDefault;

/** One chat model. */
public interface ModelConfig {

    /**
     * The model: {@code provider:model} (e.g. {@code openai:gpt-4.1}, {@code anthropic:claude-haiku-4-5}), or a bare
     * model name whose provider is inferred from its prefix ({@code gpt-}, {@code o1}, {@code o3}, {@code o4} are
     * OpenAI's, {@code claude} Anthropic's, {@code gemini} Google's, {@code deepseek} DeepSeek's, {@code grok} xAI's,
     * {@code mistral} Mistral's) or given by {@code provider}.
     */
    Optional<String> model();

    /**
     * The provider, when {@code model} is a bare name without a known prefix: {@code openai}, {@code anthropic},
     * {@code google}, {@code deepseek}, {@code xai}, {@code mistral}, {@code groq}, {@code openrouter},
     * {@code huggingface} or {@code ollama}.
     */
    Optional<String> provider();

    /**
     * The API key. Defaults to the provider's usual environment variable ({@code OPENAI_API_KEY},
     * {@code ANTHROPIC_API_KEY}, ...). Never logged.
     */
    Optional<String> apiKey();

    /**
     * The base URL of the provider's API, e.g. {@code http://localhost:11434/v1} for a local server or a proxy.
     * Defaults to the provider's public endpoint.
     */
    Optional<String> baseUrl();

    /**
     * The cloud region of a regional provider (AWS Bedrock), e.g. {@code us-east-1}: it fills the {@code {region}} of
     * the provider's default base URL and scopes its request signatures. Defaults to the {@code AWS_REGION}, then the
     * {@code AWS_DEFAULT_REGION} environment variable.
     */
    Optional<String> region();

    /** The sampling temperature; the provider's default when unset. */
    OptionalDouble temperature();

    /**
     * The maximum number of tokens to generate. Anthropic requires a value and gets 4096 when unset; other providers
     * use their own default.
     */
    OptionalInt maxTokens();

    /**
     * How hard the model thinks before answering: {@code minimal}, {@code low}, {@code medium} or {@code high}; sent as
     * OpenAI's {@code reasoning_effort}, or as the thinking budget the effort stands for (1024, 2048, 8192, 24576
     * tokens) where the provider takes budgets. Unset: the provider's default. A model whose profile says it does not
     * reason refuses it.
     */
    Optional<Reasoning.Effort> reasoningEffort();

    /**
     * The most tokens the model thinks with (Anthropic {@code thinking.budget_tokens}, Gemini {@code thinkingBudget});
     * for OpenAI, the smallest effort whose budget covers it. Unset: the provider's default, or the effort's budget.
     */
    OptionalInt reasoningBudget();

    /**
     * Where the model places prompt-cache breakpoints on its own: {@code system} (after the system instructions),
     * {@code messages} (after the conversation so far). Anthropic gets {@code cache_control}, Bedrock
     * {@code cachePoint}s; providers that cache implicitly (OpenAI, Gemini) ignore them.
     */
    Optional<List<CachePoint>> cachePoints();

    /** Stop sequences. */
    Optional<List<String>> stop();

    /**
     * The timeout of each attempt of a call: from sending the request to the last byte of the answer, or for a stream
     * to its first chunk (after which {@code stream-idle-timeout} applies). A retry gets the whole timeout again.
     */
    @WithDefault("60s")
    Duration timeout();

    /** The timeout for establishing a connection. */
    @WithDefault("10s")
    Duration connectTimeout();

    /**
     * The longest pause allowed between two events of a stream; a stalled stream fails after it instead of hanging.
     */
    @WithDefault("30s")
    Duration streamIdleTimeout();

    /**
     * How many times a failed call is retried: connection failures, timeouts, 408, 409, 429 rate limits, 5xx, 529; never
     * 400, 401, 403, 404, 422 or a 429 quota error. A stream is retried only before its first chunk.
     */
    @WithDefault("2")
    int maxRetries();

    /**
     * The first retry delay; each further retry doubles it, with up to a quarter less at random so that callers that
     * failed together do not retry together. A provider's {@code retry-after} replaces it.
     */
    @WithDefault("500ms")
    Duration retryBackoff();

    /** The longest delay between two attempts, also the cap on a provider's {@code retry-after}. */
    @WithDefault("30s")
    Duration maxRetryDelay();

    /** An HTTP proxy for this model's requests: {@code host:port} or {@code http://[user:password@]host:port}. */
    Optional<String> proxy();

    /** The size of this model's keep-alive connection pool, the most requests it sends at once. */
    @WithDefault("64")
    int maxConnections();

    /** Extra HTTP headers sent with every request of this model. */
    @ConfigDocMapKey("header-name")
    Map<String, String> headers();

    /**
     * Provider-specific request parameters merged into every request body as they are, e.g.
     * {@code params.top_p=0.9}. Values that are numbers, booleans, JSON objects or JSON arrays are sent as such, others
     * as strings.
     */
    @ConfigDocMapKey("param-name")
    Map<String, String> params();

    /**
     * Overrides of the model's profile, one key per profile field in kebab-case or snake_case, e.g.
     * {@code profile.max-input-tokens=64000}, {@code profile.pdf-inputs=true}, {@code profile.input-cost=0.15}. The
     * profile's other fields come from the catalog shipped with the extension (see README, Model profiles).
     */
    @ConfigDocMapKey("field")
    Map<String, String> profile();

    /** Whether to log each request body (API keys and auth headers are never logged). */
    @WithDefault("false")
    boolean logRequests();

    /** Whether to log each response body. */
    @WithDefault("false")
    boolean logResponses();

    /**
     * The most characters of each request body, response body or stream event that {@code log-requests} and
     * {@code log-responses} log; a longer one is cut, and the line says how many characters were left out.
     */
    @WithDefault("4096")
    int logBodyLimit();

    /**
     * Whether {@code stream} calls make one ordinary request instead and emit its answer as one chunk (the message
     * {@code invoke} returns, usage included): {@code false}, {@code true}, or {@code tool-calling} (only while tools
     * are bound, e.g. for a gateway that cannot stream tool calls).
     */
    @WithDefault("false")
    DisableStreaming disableStreaming();

    /**
     * Whether this OpenAI model calls OpenAI's Responses API ({@code POST {base-url}/responses}) instead of Chat
     * Completions: {@code true} always, {@code false} never; unset, a request goes there when it binds a built-in tool
     * only that API has ({@code web_search}, {@code file_search}, {@code code_interpreter}, {@code image_generation},
     * {@code mcp}...). {@code true} is refused for providers without a Responses API.
     */
    Optional<Boolean> useResponsesApi();

    /** Names of CDI beans whose {@code @Tool} methods this model is bound to. */
    Optional<List<String>> tools();

    /**
     * Names of models tried in order when this one fails with a retryable error after its retries (use
     * {@code default} for the default model).
     */
    Optional<List<String>> fallbacks();

    /** This model's own rate limit. */
    RateLimitConfig rateLimit();

    /** This model's circuit breaker. */
    CircuitBreakerConfig circuitBreaker();
}
