package dev.chatmodels.quarkus.runtime.observability.tracing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import jakarta.inject.Singleton;

import dev.chatmodels.callback.ChatCallback;
import dev.chatmodels.callback.RunInfo;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.MessageJson;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.quarkus.runtime.observability.GenAi;
import dev.chatmodels.tool.ToolLoop;
import dev.chatmodels.usage.UsageMetadata;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Traces every model call as an OpenTelemetry CLIENT span {@code chat {model}} and every tool a tool loop runs as a
 * span {@code execute_tool {name}}, with the GenAI conventions' attributes: registered only when the application has
 * {@code quarkus-opentelemetry}. A span's parent is the context current where the call (or its tool loop) starts; the
 * provider request carries the chat span's trace context. Prompt and answer content only with
 * {@code quarkus.chat-models.tracing.include-content=true}.
 */
@Singleton
public class ChatModelTracing implements ChatCallback {

    private static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey
            .stringArrayKey(GenAi.RESPONSE_FINISH_REASONS);
    private static final String RETRY_EVENT = "chat_models.retry";

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final boolean includeContent;
    /** The spans under way; every call ends with exactly one of end, error and cancel, which removes it. */
    private final Map<UUID, Span> spans = new ConcurrentHashMap<>();
    /**
     * The context each running tool loop started in, by the loop's run id: the loop's later calls and tool runs start
     * on whichever thread the previous answer arrived, where the caller's context is not current.
     */
    private final Map<String, Context> loops = new ConcurrentHashMap<>();

    public ChatModelTracing(OpenTelemetry openTelemetry, ChatModelsConfig config) {
        this.tracer = openTelemetry.getTracer("dev.chatmodels");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.includeContent = config.tracing().includeContent();
    }

    @Override
    public void onStart(RunInfo run, List<Message> messages) {
        Span span = tracer.spanBuilder(GenAi.CHAT + " " + run.modelName())
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent(run))
                .setAttribute(GenAi.OPERATION_NAME, GenAi.CHAT)
                .setAttribute(GenAi.PROVIDER_NAME, run.provider())
                .setAttribute(GenAi.REQUEST_MODEL, run.modelName())
                .setAttribute(GenAi.CONFIGURED_MODEL, GenAi.configuredModel(run))
                .startSpan();
        run.request().forEach((name, value) -> requestAttribute(span, name, value));
        if (includeContent) {
            span.setAttribute(GenAi.INPUT_MESSAGES, MessageJson.listToJson(messages).toString());
        }
        spans.put(run.runId(), span);
    }

    @Override
    public void onRequest(RunInfo run, BiConsumer<String, String> headers) {
        Span span = spans.get(run.runId());
        if (span != null) {
            propagator.inject(Context.root().with(span), headers, BiConsumer::accept);
        }
    }

    @Override
    public void onRetry(RunInfo run, int attempt, Throwable failure) {
        Span span = spans.get(run.runId());
        if (span != null) {
            span.addEvent(RETRY_EVENT, Attributes.builder().put("chat_models.attempt", attempt)
                    .put(GenAi.ERROR_TYPE, GenAi.retriedErrorType(failure)).build());
        }
    }

    @Override
    public void onEnd(RunInfo run, AIMessage message) {
        Span span = spans.remove(run.runId());
        if (span == null) {
            return;
        }
        span.setAttribute(GenAi.RESPONSE_MODEL, GenAi.responseModel(run, message));
        if (message.id() != null) {
            span.setAttribute(GenAi.RESPONSE_ID, message.id());
        }
        FinishReason finishReason = message.finishReason();
        if (finishReason != null) {
            span.setAttribute(FINISH_REASONS, List.of(finishReason.value()));
        }
        usage(span, message.usage());
        if (includeContent) {
            span.setAttribute(GenAi.OUTPUT_MESSAGES, MessageJson.listToJson(List.of(message)).toString());
        }
        span.end();
    }

    @Override
    public void onError(RunInfo run, Throwable error) {
        Span span = spans.remove(run.runId());
        if (span != null) {
            if (includeContent) {
                failed(span, GenAi.errorType(error), error.getMessage());
                span.recordException(error);
            } else {
                // a provider's error message may quote the prompt: without content capture, only its type
                failed(span, GenAi.errorType(error), GenAi.errorType(error));
            }
            span.end();
        }
    }

    @Override
    public void onCancel(RunInfo run) {
        Span span = spans.remove(run.runId());
        if (span != null) {
            failed(span, GenAi.CANCELLED, "The caller cancelled the call");
            span.end();
        }
    }

    @Override
    public void onToolLoopStart(RunInfo run, List<Message> messages) {
        loops.put(run.runId().toString(), Context.current());
    }

    @Override
    public void onToolLoopEnd(RunInfo run) {
        loops.remove(run.runId().toString());
    }

    @Override
    public void onToolStart(RunInfo run, ToolCall call) {
        Span span = tracer.spanBuilder(GenAi.EXECUTE_TOOL + " " + call.name())
                .setSpanKind(SpanKind.INTERNAL)
                .setParent(parent(run))
                .setAttribute(GenAi.OPERATION_NAME, GenAi.EXECUTE_TOOL)
                .setAttribute(GenAi.TOOL_NAME, call.name())
                .setAttribute(GenAi.TOOL_TYPE, "function")
                .setAttribute(GenAi.PROVIDER_NAME, run.provider())
                .setAttribute(GenAi.REQUEST_MODEL, run.modelName())
                .startSpan();
        if (call.id() != null) {
            span.setAttribute(GenAi.TOOL_CALL_ID, call.id());
        }
        if (includeContent) {
            span.setAttribute(GenAi.TOOL_CALL_ARGUMENTS, Jackson.MAPPER.valueToTree(call.args()).toString());
        }
        spans.put(run.runId(), span);
    }

    @Override
    public void onToolEnd(RunInfo run, ToolCall call, ToolMessage result) {
        Span span = spans.remove(run.runId());
        if (span == null) {
            return;
        }
        if (includeContent) {
            span.setAttribute(GenAi.TOOL_CALL_RESULT, result.text());
        }
        if (result.status() == ToolMessage.Status.ERROR) {
            failed(span, "tool_error", null);
        }
        span.end();
    }

    private Context parent(RunInfo run) {
        Object loop = run.metadata().get(ToolLoop.RUN_ID_METADATA);
        Context loopContext = loop == null ? null : loops.get(loop.toString());
        return loopContext != null ? loopContext : Context.current();
    }

    /** A request setting as {@code gen_ai.request.<name>}: a number, or a list of strings (stop sequences). */
    private static void requestAttribute(Span span, String name, Object value) {
        String key = GenAi.REQUEST_PREFIX + name;
        if (value instanceof Double || value instanceof Float) {
            span.setAttribute(key, ((Number) value).doubleValue());
        } else if (value instanceof Number number) {
            span.setAttribute(key, number.longValue());
        } else if (value instanceof List<?> list) {
            span.setAttribute(AttributeKey.stringArrayKey(key), list.stream().map(String::valueOf).toList());
        }
    }

    private static void failed(Span span, String errorType, String description) {
        span.setAttribute(GenAi.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, description == null ? "" : description);
    }

    /** Input tokens include cache reads and writes, as the conventions count them. */
    private static void usage(Span span, UsageMetadata usage) {
        if (usage == null) {
            return;
        }
        span.setAttribute(GenAi.USAGE_INPUT_TOKENS, usage.inputTokens());
        span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, usage.outputTokens());
        if (usage.inputTokenDetails() != null) {
            set(span, GenAi.USAGE_CACHE_READ_INPUT_TOKENS, usage.inputTokenDetails().cacheRead());
            set(span, GenAi.USAGE_CACHE_CREATION_INPUT_TOKENS, usage.inputTokenDetails().cacheCreation());
        }
        if (usage.outputTokenDetails() != null) {
            set(span, GenAi.USAGE_REASONING_OUTPUT_TOKENS, usage.outputTokenDetails().reasoning());
        }
    }

    private static void set(Span span, String key, Long value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
    }
}
