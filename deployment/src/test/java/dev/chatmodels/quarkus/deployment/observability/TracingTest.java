package dev.chatmodels.quarkus.deployment.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.quarkus.deployment.StandInConfigSource;
import dev.chatmodels.quarkus.runtime.ModelName;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.RecordedRequest;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.tool.ChatTool;
import dev.chatmodels.tool.ToolLoop;
import dev.chatmodels.tool.ToolLoopResult;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The spans of calls to the OpenAI and Anthropic stand-ins, as OpenTelemetry exports them: a CLIENT span
 * {@code chat {model}} under the caller's span with the GenAI attributes, the provider request carrying its trace
 * context, retries as events, failures with their error type, tool runs as {@code execute_tool} spans in the loop's
 * trace, and no content unless switched on.
 */
class TracingTest {

    private static final String KEY = "sk-test-tracing-0123456789";
    private static final String PROMPT = "What is the secret recipe?";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(StandInConfigSource.class, SpanCapture.class)
                    .addAsServiceProvider(ConfigSource.class, StandInConfigSource.class))
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-opentelemetry-deployment",
                    Version.getVersion())))
            .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false")
            .overrideConfigKey("quarkus.chat-models.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.api-key", KEY)
            .overrideConfigKey("quarkus.chat-models.max-retries", "1")
            .overrideConfigKey("quarkus.chat-models.retry-backoff", "1ms")
            .overrideConfigKey("quarkus.chat-models.max-retry-delay", "1ms")
            .overrideConfigKey("quarkus.chat-models.claude.model", "anthropic:claude-haiku-4-5")
            .overrideConfigKey("quarkus.chat-models.claude.api-key", KEY)
            .overrideConfigKey("quarkus.chat-models.claude.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.claude.temperature", "0.25")
            .overrideConfigKey("quarkus.chat-models.claude.max-tokens", "300")
            .overrideConfigKey("quarkus.chat-models.claude.stop", "END,STOP")
            .overrideConfigKey("quarkus.chat-models.claude.params.top_k", "40")
            .overrideRuntimeConfigKey("quarkus.chat-models.base-url", "${stand-in.url}/v1")
            .overrideRuntimeConfigKey("quarkus.chat-models.claude.base-url", "${stand-in.url}/anthropic/v1");

    private static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey
            .stringArrayKey("gen_ai.response.finish_reasons");

    @Inject
    ChatModel openAi;

    @Inject
    @ModelName("claude")
    ChatModel claude;

    @Inject
    Tracer tracer;

    private final ProviderStandIn standIn = StandInConfigSource.standIn();

    @BeforeEach
    void reset() {
        standIn.reset();
        SpanCapture.reset();
    }

    @AfterAll
    static void stopStandIn() {
        StandInConfigSource.stop();
    }

    @Test
    void openAiCallIsAClientSpanUnderTheCallersSpanAndItsRequestCarriesIt() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        Span parent = inSpan(() -> openAi.invoke(PROMPT));

        SpanData chat = single("chat gpt-4.1-mini");
        assertEquals(SpanKind.CLIENT, chat.getKind());
        assertEquals(parent.getSpanContext().getSpanId(), chat.getParentSpanId());
        assertEquals(parent.getSpanContext().getTraceId(), chat.getTraceId());
        assertEquals("chat", attribute(chat, "gen_ai.operation.name"));
        assertEquals("openai", attribute(chat, "gen_ai.provider.name"));
        assertEquals("gpt-4.1-mini", attribute(chat, "gen_ai.request.model"));
        assertEquals("gpt-4o-2024-08-06", attribute(chat, "gen_ai.response.model"));
        assertEquals("chatcmpl-CQLEurEnnAn9VqHHvP5e8oHEZ5FFX", attribute(chat, "gen_ai.response.id"));
        assertEquals("default", attribute(chat, "chat_models.model"));
        assertEquals(List.of("stop"), chat.getAttributes().get(FINISH_REASONS));
        assertEquals(13L, chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")));
        assertEquals(29L, chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")));
        assertEquals(StatusCode.UNSET, chat.getStatus().getStatusCode());
        // content is off by default
        assertNull(attribute(chat, "gen_ai.input.messages"));
        assertNull(attribute(chat, "gen_ai.output.messages"));
        assertTrue(chat.getAttributes().asMap().values().stream().noneMatch(value -> value.toString().contains(PROMPT)));
        assertEquals(traceparent(chat), single(standIn.requests()).header("traceparent"));
    }

    @Test
    void anthropicStreamIsOneChatSpanWithItsUsage() {
        standIn.enqueue("/anthropic/v1/messages", Reply.fromFixture("anthropic", "text_stream_cache_read.response.sse"));

        List<AIMessageChunk> chunks = claude.stream(PROMPT).collect().asList().await().atMost(Duration.ofSeconds(30));

        AIMessage answer = AIMessageChunk.sum(chunks).toMessage();
        SpanData chat = single("chat claude-haiku-4-5");
        assertEquals(SpanKind.CLIENT, chat.getKind());
        assertEquals("anthropic", attribute(chat, "gen_ai.provider.name"));
        assertEquals("claude-sonnet-4-5-20250929", attribute(chat, "gen_ai.response.model"));
        assertEquals("claude", attribute(chat, "chat_models.model"));
        assertEquals(0.25, chat.getAttributes().get(AttributeKey.doubleKey("gen_ai.request.temperature")));
        assertEquals(300L, chat.getAttributes().get(AttributeKey.longKey("gen_ai.request.max_tokens")));
        assertEquals(40L, chat.getAttributes().get(AttributeKey.longKey("gen_ai.request.top_k")));
        assertEquals(List.of("END", "STOP"),
                chat.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.request.stop_sequences")));
        // the finish reason of the message, normalised as every provider's
        assertEquals(List.of(answer.finishReason().value()), chat.getAttributes().get(FINISH_REASONS));
        assertEquals(1220L, chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")));
        assertEquals(1217L, chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens")));
        assertEquals(answer.usage().outputTokens(),
                chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")));
        assertEquals(traceparent(chat), single(standIn.requests()).header("traceparent"));
    }

    @Test
    void failedCallIsAnErrorSpanWithItsErrorType() {
        standIn.enqueue("/anthropic/v1/messages", Reply.fromFixture("anthropic", "error_401_authentication.response.json"));

        assertThrows(AuthenticationException.class, () -> claude.invoke(PROMPT));

        SpanData chat = single("chat claude-haiku-4-5");
        assertEquals(StatusCode.ERROR, chat.getStatus().getStatusCode());
        assertEquals(AuthenticationException.class.getName(), attribute(chat, "error.type"));
        // without content capture, not the provider's message (it may quote the prompt): only the error's type
        assertEquals(AuthenticationException.class.getName(), chat.getStatus().getDescription());
        assertEquals(0, chat.getEvents().stream().filter(event -> event.getName().equals("exception")).count());
        assertNull(attribute(chat, "gen_ai.response.model"));
        assertTrue(chat.getEvents().stream().noneMatch(event -> event.getAttributes().asMap().values().stream()
                .anyMatch(value -> value.toString().contains(KEY))));
    }

    @Test
    void retryIsAnEventOfTheOneChatSpanAndBothRequestsCarryIt() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "error_503_overloaded.response.json"),
                Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        openAi.invoke(PROMPT);

        SpanData chat = single("chat gpt-4.1-mini");
        assertEquals(StatusCode.UNSET, chat.getStatus().getStatusCode());
        List<EventData> retries = chat.getEvents().stream().filter(event -> event.getName().equals("chat_models.retry"))
                .toList();
        assertEquals(1, retries.size());
        assertEquals(2L, retries.get(0).getAttributes().get(AttributeKey.longKey("chat_models.attempt")));
        assertEquals("dev.chatmodels.error.ProviderServerException",
                retries.get(0).getAttributes().get(AttributeKey.stringKey("error.type")));
        List<RecordedRequest> requests = standIn.requests();
        assertEquals(2, requests.size());
        requests.forEach(request -> assertEquals(traceparent(chat), request.header("traceparent")));
    }

    @Test
    void toolLoopRunsEachToolInAnExecuteToolSpanOfTheLoopsTrace() {
        standIn.enqueue("/anthropic/v1/messages", Reply.fromFixture("anthropic", "tool_use_nonstream.response.json"),
                Reply.fromFixture("anthropic", "tool_result_followup_nonstream.response.json"));
        ChatTool weather = ChatTool.fromSchema("get_weather", "The weather in a city",
                "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}", args -> "Sunny, 21 C");
        ChatModel withTools = claude.bindTools(List.of(weather));

        ToolLoopResult[] result = new ToolLoopResult[1];
        Span parent = inSpan(() -> result[0] = ToolLoop.run(withTools, List.of(HumanMessage.of("Weather in Tokyo?")),
                RunConfig.EMPTY));

        List<SpanData> chats = SpanCapture.spans().stream().filter(span -> span.getName().equals("chat claude-haiku-4-5"))
                .toList();
        assertEquals(2, chats.size());
        SpanData tool = single("execute_tool get_weather");
        assertEquals("execute_tool", attribute(tool, "gen_ai.operation.name"));
        assertEquals("get_weather", attribute(tool, "gen_ai.tool.name"));
        assertEquals("toolu_01Eobgw8gDD6KegYJz1iyYC7", attribute(tool, "gen_ai.tool.call.id"));
        assertEquals(StatusCode.UNSET, tool.getStatus().getStatusCode());
        assertNull(attribute(tool, "gen_ai.tool.call.arguments"));
        AIMessage askingForTool = (AIMessage) result[0].messages().get(1);
        assertEquals(List.of(askingForTool.finishReason().value()), chats.get(0).getAttributes().get(FINISH_REASONS));
        assertEquals("Sunny, 21 C", result[0].messages().get(2).text());
        for (SpanData span : List.of(chats.get(0), tool, chats.get(1))) {
            assertEquals(parent.getSpanContext().getTraceId(), span.getTraceId(), span.getName());
            assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId(), span.getName());
        }
        // in order: the first call, then the tool, then the call with its result
        assertTrue(chats.get(0).getEndEpochNanos() <= tool.getStartEpochNanos());
        assertTrue(tool.getEndEpochNanos() <= chats.get(1).getStartEpochNanos());
    }

    /** Runs {@code call} with a span of the test current, as an application's own span (a request's) would be. */
    private Span inSpan(Supplier<?> call) {
        Span parent = tracer.spanBuilder("test").startSpan();
        try (Scope ignored = parent.makeCurrent()) {
            call.get();
        } finally {
            parent.end();
        }
        return parent;
    }

    private static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01";
    }

    private static String attribute(SpanData span, String key) {
        Object value = span.getAttributes().asMap().get(AttributeKey.stringKey(key));
        return value == null ? null : value.toString();
    }

    private static SpanData single(String name) {
        List<SpanData> spans = SpanCapture.spans().stream().filter(span -> span.getName().equals(name)).toList();
        assertEquals(1, spans.size(), "spans named " + name + " in " + SpanCapture.spans());
        return spans.get(0);
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }
}
