package dev.chatmodels.quarkus.runtime.observability.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import dev.chatmodels.callback.ChatCallback;
import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.Message;
import dev.chatmodels.quarkus.runtime.observability.GenAi;
import dev.chatmodels.quarkus.runtime.resilience.ModelResilience;
import dev.chatmodels.usage.UsageMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Records the OpenTelemetry GenAI client metrics of every model call in Micrometer: registered only when the
 * application has {@code quarkus-micrometer}. Every series of one metric has the same tag keys (Prometheus refuses
 * anything else), so a missing value is {@code none}; tags never hold prompt text or keys.
 */
@Singleton
public class ChatModelMetrics implements ChatCallback {

    public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    public static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
    public static final String RETRIES = "chat_models.client.retries";
    public static final String RATE_LIMITER_WAIT = "chat_models.client.rate_limiter.wait";
    public static final String CIRCUIT_BREAKER_STATE = "chat_models.client.circuit_breaker.state";

    /** The bucket boundaries the GenAI conventions advise, in seconds and in tokens. */
    private static final Duration[] DURATION_BUCKETS = seconds(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
            10.24, 20.48, 40.96, 81.92);
    private static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
            16777216, 67108864 };
    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final ModelResilience resilience;
    /** The configured models whose circuit breaker gauges are registered (or that have none). */
    private final Set<String> breakerGauges = ConcurrentHashMap.newKeySet();
    /** The calls under way; every call ends with exactly one of end, error and cancel, which removes it. */
    private final Map<UUID, CallTiming> calls = new ConcurrentHashMap<>();

    public ChatModelMetrics(MeterRegistry registry, ModelResilience resilience) {
        this.registry = registry;
        this.resilience = resilience;
    }

    @Override
    public void onStart(RunInfo run, List<Message> messages) {
        calls.put(run.runId(), new CallTiming(registry.config().clock().monotonicTime()));
        if (run.configuredName() != null && breakerGauges.add(run.configuredName())) {
            circuitBreakerGauges(run);
        }
    }

    @Override
    public void onRateLimiterWait(RunInfo run, Duration waited) {
        Timer.builder(RATE_LIMITER_WAIT)
                .description("Time chat model calls waited for their rate limiter")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .tags(callTags(run))
                .register(registry).record(waited);
    }

    @Override
    public void onToken(RunInfo run, String token, AIMessageChunk chunk) {
        CallTiming call = calls.get(run.runId());
        if (call != null && call.firstChunkNanos == 0) {
            call.firstChunkNanos = registry.config().clock().monotonicTime();
        }
    }

    @Override
    public void onEnd(RunInfo run, AIMessage message) {
        String responseModel = GenAi.responseModel(run, message);
        if (ended(run, responseModel, NONE)) {
            tokens(run, responseModel, message.usage());
        }
    }

    @Override
    public void onError(RunInfo run, Throwable error) {
        ended(run, NONE, GenAi.errorType(error));
    }

    @Override
    public void onCancel(RunInfo run) {
        ended(run, NONE, GenAi.CANCELLED);
    }

    @Override
    public void onRetry(RunInfo run, int attempt, Throwable failure) {
        Counter.builder(RETRIES)
                .description("Attempts of chat model calls sent again after a failed attempt")
                .tags(callTags(run).and(GenAi.ERROR_TYPE, GenAi.retriedErrorType(failure)))
                .register(registry).increment();
    }

    /** Records the duration (and time to first chunk) of a call that ended; {@code false} if it was not seen starting. */
    private boolean ended(RunInfo run, String responseModel, String errorType) {
        CallTiming call = calls.remove(run.runId());
        if (call == null) {
            return false;
        }
        Tags tags = callTags(run).and(GenAi.RESPONSE_MODEL, responseModel).and(GenAi.ERROR_TYPE, errorType);
        long now = registry.config().clock().monotonicTime();
        Timer.builder(OPERATION_DURATION)
                .description("Duration of chat model calls, streams until their last chunk")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .tags(tags)
                .register(registry).record(now - call.startNanos, TimeUnit.NANOSECONDS);
        if (call.firstChunkNanos != 0) {
            Timer.builder(TIME_TO_FIRST_CHUNK)
                    .description("Time from the start of a streamed chat model call to its first chunk")
                    .serviceLevelObjectives(DURATION_BUCKETS)
                    .tags(tags)
                    .register(registry).record(call.firstChunkNanos - call.startNanos, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** Input tokens include cache reads and writes, as the conventions count them; details are extra series. */
    private void tokens(RunInfo run, String responseModel, UsageMetadata usage) {
        if (usage == null) {
            return;
        }
        Tags tags = callTags(run).and(GenAi.RESPONSE_MODEL, responseModel);
        tokens(tags, "input", usage.inputTokens());
        tokens(tags, "output", usage.outputTokens());
        if (usage.inputTokenDetails() != null) {
            tokens(tags, "cache_read", usage.inputTokenDetails().cacheRead());
            tokens(tags, "cache_creation", usage.inputTokenDetails().cacheCreation());
        }
        if (usage.outputTokenDetails() != null) {
            tokens(tags, "reasoning", usage.outputTokenDetails().reasoning());
        }
    }

    private void tokens(Tags tags, String type, Long count) {
        if (count == null) {
            return;
        }
        DistributionSummary.builder(TOKEN_USAGE)
                .description("Tokens used by chat model calls, by token type")
                .serviceLevelObjectives(TOKEN_BUCKETS)
                .tags(tags.and(GenAi.TOKEN_TYPE, type))
                .register(registry).record(count);
    }

    /**
     * One gauge per state of the model's circuit breaker, 1 for the current state and 0 for the others, as SmallRye
     * Fault Tolerance reports its own.
     */
    private void circuitBreakerGauges(RunInfo run) {
        String name = run.configuredName();
        if (resilience.circuitBreakerState(name).isEmpty()) {
            return;
        }
        for (CircuitBreakerState state : CircuitBreakerState.values()) {
            Gauge.builder(CIRCUIT_BREAKER_STATE,
                    () -> resilience.circuitBreakerState(name).map(current -> current == state ? 1 : 0).orElse(0))
                    .description("Whether the circuit breaker of a chat model is in this state (1) or not (0)")
                    .tags(GenAi.CONFIGURED_MODEL, GenAi.configuredModel(run), "state", state.name().toLowerCase(Locale.ROOT))
                    .strongReference(true)
                    .register(registry);
        }
    }

    private static Tags callTags(RunInfo run) {
        return Tags.of(GenAi.OPERATION_NAME, GenAi.CHAT, GenAi.PROVIDER_NAME, orNone(run.provider()),
                GenAi.REQUEST_MODEL, orNone(run.modelName()), GenAi.CONFIGURED_MODEL, GenAi.configuredModel(run));
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }

    private static Duration[] seconds(double... bounds) {
        Duration[] durations = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(bounds[i] * 1e9));
        }
        return durations;
    }

    /** When a call started and when its first chunk arrived (0 before it does). */
    private static final class CallTiming {
        final long startNanos;
        volatile long firstChunkNanos;

        CallTiming(long startNanos) {
            this.startNanos = startNanos;
        }
    }
}
