package dev.chatmodels.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.AuthenticationException;
import dev.chatmodels.error.ProviderTimeoutException;
import dev.chatmodels.error.RateLimitException;
import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.InvalidToolCall;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.RunConfig;
import dev.chatmodels.provider.MissingCredentialsException;
import dev.chatmodels.provider.ModelCredentials;
import dev.chatmodels.provider.ModelReference;
import dev.chatmodels.provider.ProviderAuthentication;
import dev.chatmodels.provider.ProviderDescriptor;
import dev.chatmodels.provider.openai.OpenAiChatCodec;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.quarkus.runtime.ModelName;
import dev.chatmodels.quarkus.runtime.ModelSettingNames;
import dev.chatmodels.quarkus.runtime.ResolvedModel;
import dev.chatmodels.quarkus.runtime.transport.TransportSettings;
import dev.chatmodels.quarkus.runtime.transport.VertxTransport;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.RecordedRequest;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.testing.SseFixtures;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.HttpResult;
import dev.chatmodels.transport.OutgoingRequest;
import dev.chatmodels.transport.RequestAuthenticator;
import dev.chatmodels.transport.StreamDeframer;
import dev.chatmodels.transport.StreamEvent;
import dev.chatmodels.transport.StreamFraming;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Vertx;

/**
 * Injected models calling a local stand-in of the OpenAI and Anthropic APIs that replays recorded answers: invoke,
 * stream, errors, cancellation, proxies, the event-loop guard, and what is logged.
 */
class ModelCallsTest {

    private static final String OPENAI_KEY = "sk-test-openai-0123456789";
    private static final String ANTHROPIC_KEY = "sk-ant-test-9876543210";
    private static final String SESSION_TOKEN = "aws-session-token-0123456789";
    /** A framing of a provider's own: frames end with {@code ;}, line ends between them are ignored. */
    private static final StreamFraming SEMICOLON_FRAMES = new StreamFraming("application/x-test-frames",
            SemicolonFrames::new);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClass(StandInConfigSource.class)
                    .addAsServiceProvider(ConfigSource.class, StandInConfigSource.class))
            .overrideConfigKey("quarkus.chat-models.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.api-key", OPENAI_KEY)
            .overrideConfigKey("quarkus.chat-models.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.headers.X-Team", "blue")
            .overrideConfigKey("quarkus.chat-models.params.top_p", "0.5")
            .overrideConfigKey("quarkus.chat-models.params.user", "tester")
            .overrideConfigKey("quarkus.chat-models.log-requests", "true")
            .overrideConfigKey("quarkus.chat-models.log-responses", "true")
            .overrideConfigKey("quarkus.chat-models.claude.model", "anthropic:claude-haiku-4-5")
            .overrideConfigKey("quarkus.chat-models.claude.api-key", ANTHROPIC_KEY)
            .overrideConfigKey("quarkus.chat-models.claude.max-tokens", "100")
            .overrideConfigKey("quarkus.chat-models.claude.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.claude.log-requests", "true")
            .overrideConfigKey("quarkus.chat-models.single.model", "openai:gpt-4.1-nano")
            .overrideConfigKey("quarkus.chat-models.single.api-key", OPENAI_KEY)
            .overrideConfigKey("quarkus.chat-models.single.max-connections", "1")
            .overrideConfigKey("quarkus.chat-models.single.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.regional.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.regional.api-key", OPENAI_KEY)
            .overrideConfigKey("quarkus.chat-models.regional.region", "eu-west-3")
            .overrideRuntimeConfigKey("quarkus.chat-models.regional.base-url", "${stand-in.url}/{region}/v1")
            .overrideConfigKey("quarkus.chat-models.env-region.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.env-region.api-key", OPENAI_KEY)
            .overrideRuntimeConfigKey("quarkus.chat-models.env-region.base-url", "${stand-in.url}/{region}/v2")
            // read like the environment variable of that name
            .overrideConfigKey("AWS_DEFAULT_REGION", "ap-south-1")
            .overrideConfigKey("SEAM_TEST_SECOND_KEY", "second-key-value")
            .overrideConfigKey("quarkus.chat-models.proxied.model", "ollama:llama3.2")
            .overrideConfigKey("quarkus.chat-models.proxied.base-url", "http://ollama.example.invalid:11434/v1")
            .overrideRuntimeConfigKey("quarkus.chat-models.proxied.proxy", "http://alice:s3cret@${stand-in.address}")
            // the base URLs have a path, as real ones do
            .overrideRuntimeConfigKey("quarkus.chat-models.base-url", "${stand-in.url}/v1")
            .overrideRuntimeConfigKey("quarkus.chat-models.claude.base-url", "${stand-in.url}/anthropic/v1/")
            .overrideRuntimeConfigKey("quarkus.chat-models.single.base-url", "${stand-in.url}/single")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("dev.chatmodels"))
            .assertLogRecords(ModelCallsTest::assertLogsShowBodiesButNoKey);

    @Inject
    ChatModel openAi;

    @Inject
    @ModelName("claude")
    ChatModel claude;

    @Inject
    @ModelName("single")
    ChatModel single;

    @Inject
    @ModelName("proxied")
    ChatModel proxied;

    @Inject
    @ModelName("regional")
    ChatModel regional;

    @Inject
    @ModelName("env-region")
    ChatModel envRegion;

    @Inject
    Vertx vertx;

    private final ProviderStandIn standIn = StandInConfigSource.standIn();

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @AfterAll
    static void stopStandIn() {
        StandInConfigSource.stop();
    }

    @Test
    void invokesOpenAiWithHeadersAndParams() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        AIMessage answer = openAi.invoke("Hello, how are you?");

        assertEquals(Fixtures.json("openai-chat", "text_nonstream.response.json")
                .at("/choices/0/message/content").asText(), answer.text());
        RecordedRequest request = single(standIn.requests());
        assertEquals("/v1/chat/completions", request.path());
        assertEquals("Bearer " + OPENAI_KEY, request.header("authorization"));
        assertEquals("blue", request.header("x-team"));
        JsonNode body = request.json();
        assertEquals("gpt-4.1-mini", body.path("model").asText());
        assertEquals(0.5, body.path("top_p").asDouble());
        assertEquals("tester", body.path("user").asText());
        assertEquals("Hello, how are you?", body.at("/messages/0/content").asText());
    }

    @Test
    void streamsOpenAiSkippingCommentLines() {
        String recorded = Fixtures.read("openai-chat", "text_stream_include_usage.response.sse");
        standIn.enqueue("/v1/chat/completions", Reply.sse(": keep-alive\n\n" + recorded));

        List<AIMessageChunk> chunks = openAi.stream("Say hello").collect().asList().await().atMost(Duration.ofSeconds(10));

        String expected = SseFixtures.parse(recorded).stream()
                .filter(event -> !event.data().equals("[DONE]"))
                .map(event -> json(event.data()).at("/choices/0/delta/content").asText(""))
                .collect(Collectors.joining());
        assertFalse(expected.isEmpty());
        assertEquals(expected, AIMessageChunk.sum(chunks).toMessage().text());
        assertTrue(single(standIn.requests()).json().path("stream").asBoolean());
    }

    @Test
    void cachePointsFromInitOptionsMarkTheConversationForAnthropic() {
        standIn.enqueue("/anthropic/v1/messages", Reply.fromFixture("anthropic", "text_nonstream.response.json"));
        ChatModel cached = Arc.container().instance(ChatModels.class).get().init("anthropic:claude-haiku-4-5",
                Map.of("api_key", ANTHROPIC_KEY, "base_url", standIn.baseUrl() + "/anthropic/v1", "max_retries", 0,
                        "cache_points", List.of("system", "messages")));

        cached.invoke(List.of(SystemMessage.of("Be brief."), HumanMessage.of("Hello")));

        JsonNode sent = single(standIn.requests()).json();
        assertEquals("ephemeral", sent.at("/system/0/cache_control/type").asText(), sent.toString());
        assertEquals("ephemeral", sent.at("/messages/0/content/0/cache_control/type").asText(), sent.toString());
    }

    @Test
    void invokesAnthropicBelowABaseUrlWithAPath() {
        standIn.enqueue("/anthropic/v1/messages", Reply.fromFixture("anthropic", "text_nonstream.response.json"));

        AIMessage answer = claude.invoke("Hello");

        assertEquals("Hello! It's nice to meet you. How are you doing today?", answer.text());
        RecordedRequest request = single(standIn.requests());
        assertEquals(ANTHROPIC_KEY, request.header("x-api-key"));
        assertEquals("2023-06-01", request.header("anthropic-version"));
        assertEquals(100, request.json().path("max_tokens").asInt());
    }

    @Test
    void streamsAnthropic() {
        standIn.enqueue("/anthropic/v1/messages", Reply.fromFixture("anthropic", "text_stream_cache_read.response.sse"));

        String text = claude.stream("Hello").map(AIMessageChunk::text).collect().with(Collectors.joining())
                .await().atMost(Duration.ofSeconds(10));

        assertEquals("Hello", text);
    }

    @Test
    void errorAnswersBecomeTypedExceptionsWithTheProviderMessage() {
        standIn.enqueue("/v1/chat/completions",
                Reply.fromFixture("openai-chat", "error_429_rate_limit_exceeded.response.json"));

        RateLimitException error = assertThrows(RateLimitException.class, () -> openAi.invoke("Hello"));

        assertEquals(429, error.status());
        assertEquals("rate_limit_exceeded", error.errorCode());
        assertTrue(error.getMessage().contains("Rate limit reached for 10KTPM-200RPM"), error.getMessage());
        assertFalse(error.toString().contains(OPENAI_KEY));
    }

    @Test
    void anErrorAnswerToAStreamCarriesTheErrorBody() {
        standIn.enqueue("/anthropic/v1/messages", Reply.fromFixture("anthropic", "error_401_authentication.response.json"));

        Throwable error = streamFailure(claude);

        AuthenticationException authentication = assertInstanceOf(AuthenticationException.class, error);
        assertEquals(401, authentication.status());
        assertEquals("invalid x-api-key", authentication.providerMessage());
        assertFalse(authentication.toString().contains(ANTHROPIC_KEY));
    }

    @Test
    void cancellingAStreamClosesItsConnection() {
        String recorded = Fixtures.read("openai-chat", "text_stream_include_usage.response.sse");
        standIn.enqueue("/single/chat/completions", Reply.sseThenStall(recorded, 2), Reply.sse(recorded));

        single.stream("Say hello").select().first().toUni().await().atMost(Duration.ofSeconds(10));

        // the pool has one connection: this stream only gets one if the stalled stream's connection was closed
        String text = single.stream("Hello").map(AIMessageChunk::text).collect().with(Collectors.joining())
                .await().atMost(Duration.ofSeconds(10));
        assertEquals("The capital of the UK is London.", text);
        assertEquals(2, standIn.requestCount("/single/chat/completions"));
    }

    @Test
    void invokesAndStreamsShareOneKeptAliveConnection() {
        String streamed = Fixtures.read("openai-chat", "text_stream_include_usage.response.sse");
        Reply answer = Reply.fromFixture("openai-chat", "text_nonstream.response.json");
        for (int i = 0; i < 10; i++) {
            standIn.enqueue("/reuse/chat/completions", answer, Reply.sse(streamed));
        }
        int expectedEvents = SseFixtures.parse(streamed).size();
        TransportSettings settings = new TransportSettings("reuse", URI.create(standIn.baseUrl() + "/reuse"),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty(), 4, false, false, 4096, SecretRedactor.NONE);
        int before = standIn.connectionCount();
        try (VertxTransport transport = VertxTransport.create(vertx, settings)) {
            HttpCall call = new HttpCall("/chat/completions", Map.of(), "{}");
            for (int i = 0; i < 10; i++) {
                HttpResult result = transport.post(call).await().atMost(Duration.ofSeconds(10));
                assertEquals(200, result.status());
                assertTrue(result.headers().all("Content-TYPE").get(0).startsWith("application/json"));
                List<StreamEvent> events = transport.stream(call, StreamFraming.SSE).collect().asList()
                        .await().atMost(Duration.ofSeconds(10));
                assertEquals(expectedEvents, events.size());
            }
        }
        assertEquals(1, standIn.connectionCount() - before);
    }

    @Test
    void requestsGoThroughTheConfiguredProxy() {
        // an HTTP proxy gets the absolute URL of the target in the request line
        standIn.enqueue("http://ollama.example.invalid:11434/v1/chat/completions",
                Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        assertFalse(proxied.invoke("Hello").text().isEmpty());

        RecordedRequest request = single(standIn.requests());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)),
                request.header("proxy-authorization"));
    }

    @Test
    void streamsGoThroughTheConfiguredProxy() {
        standIn.enqueue("http://ollama.example.invalid:11434/v1/chat/completions",
                Reply.fromFixture("openai-chat", "text_stream_include_usage.response.sse"));

        String text = proxied.stream("Hello").map(AIMessageChunk::text).collect().with(Collectors.joining())
                .await().atMost(Duration.ofSeconds(10));

        assertEquals("The capital of the UK is London.", text);
        assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)),
                single(standIn.requests()).header("proxy-authorization"));
    }

    @Test
    void theClientsOwnReadTimeoutIsAProviderTimeout() {
        // without a call guard only the HTTP client's longest silence (the model's timeout) ends a call that gets no byte:
        // it must fail the way the guard's attempt timeout of the same duration does, whichever fires first
        Reply silent = Reply.fromFixture("openai-chat", "text_nonstream.response.json").delayFirstByte(Duration.ofSeconds(30));
        standIn.enqueue("/silent/chat/completions", silent, silent);
        TransportSettings settings = new TransportSettings("silent", URI.create(standIn.baseUrl() + "/silent"),
                Duration.ofSeconds(5), Duration.ofMillis(300), Optional.empty(), 2, false, false, 4096, SecretRedactor.NONE);
        try (VertxTransport transport = VertxTransport.create(vertx, settings)) {
            HttpCall call = new HttpCall("/chat/completions", Map.of(), "{}");

            ProviderTimeoutException invoke = assertThrows(ProviderTimeoutException.class,
                    () -> transport.post(call).await().atMost(Duration.ofSeconds(20)));
            ProviderTimeoutException stream = assertThrows(ProviderTimeoutException.class,
                    () -> transport.stream(call, StreamFraming.SSE).collect().asList().await().atMost(Duration.ofSeconds(20)));

            assertEquals("The chat model 'silent' did not answer within 300 ms (timeout)", invoke.getMessage());
            assertEquals(invoke.getMessage(), stream.getMessage());
        }
    }

    @Test
    void streamsNewlineDelimitedJson() throws Exception {
        standIn.enqueue("/ndjson/api/chat", Reply.ndjson("{\"n\":1}\n\n{\"n\":2}\n"));
        TransportSettings settings = new TransportSettings("ndjson", URI.create(standIn.baseUrl() + "/ndjson"),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty(), 1, false, false, 4096, SecretRedactor.NONE);
        try (VertxTransport transport = VertxTransport.create(vertx, settings)) {
            List<StreamEvent> events = transport.stream(new HttpCall("/api/chat", Map.of(), "{}"), StreamFraming.NDJSON)
                    .collect().asList().await().atMost(Duration.ofSeconds(10));
            assertEquals(List.of(new StreamEvent(null, "{\"n\":1}"), new StreamEvent(null, "{\"n\":2}")), events);
        }
    }

    @Test
    void theRegionFillsTheBaseUrlConfiguredOrFromTheEnvironment() {
        Reply answer = Reply.fromFixture("openai-chat", "text_nonstream.response.json");
        standIn.enqueue("/eu-west-3/v1/chat/completions", answer).enqueue("/ap-south-1/v2/chat/completions", answer);

        assertFalse(regional.invoke("Hello").text().isEmpty());
        assertFalse(envRegion.invoke("Hello").text().isEmpty());

        assertEquals(List.of("/eu-west-3/v1/chat/completions", "/ap-south-1/v2/chat/completions"),
                standIn.requests().stream().map(RecordedRequest::path).toList());
    }

    @Test
    void theKeyIsTheFirstOfTheProvidersKeyVariablesThatIsSet() {
        ProviderDescriptor twoVariables = ProviderDescriptor.builder("two-keys").defaultBaseUrl("http://127.0.0.1:1")
                .apiKeyEnvVars("SEAM_TEST_FIRST_KEY", "SEAM_TEST_SECOND_KEY")
                .authentication(ProviderAuthentication.keyHeader("x-goog-api-key")).codec(OpenAiChatCodec::new).build();
        ResolvedModel resolved = new ResolvedModel(new ModelReference("two-keys", "m"), twoVariables);
        ModelSettingNames names = ModelSettingNames.of("k");

        assertEquals(List.of("second-key-value"), resolved.credentials(names, Optional.empty(), Optional.empty()).secrets());

        ProviderDescriptor unset = ProviderDescriptor.builder("unset").defaultBaseUrl("http://127.0.0.1:1")
                .apiKeyEnvVars("SEAM_TEST_FIRST_KEY", "SEAM_TEST_THIRD_KEY").codec(OpenAiChatCodec::new).build();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new ResolvedModel(new ModelReference("unset", "m"), unset).credentials(names, Optional.empty(),
                        Optional.empty()));
        assertEquals("set quarkus.chat-models.\"k\".api-key or the SEAM_TEST_FIRST_KEY or SEAM_TEST_THIRD_KEY "
                + "environment variable: unset needs an API key", missing.getMessage());
    }

    @Test
    void aSignerWithoutItsRegionNamesTheRegionProperty() {
        ProviderDescriptor regional = ProviderDescriptor.builder("regional").defaultBaseUrl("http://127.0.0.1:1")
                .authentication(settings -> {
                    if (settings.region() == null) {
                        throw new MissingCredentialsException(MissingCredentialsException.Setting.REGION,
                                "needs a region to sign requests");
                    }
                    return ModelCredentials.NONE;
                }).codec(OpenAiChatCodec::new).build();
        ResolvedModel resolved = new ResolvedModel(new ModelReference("regional", "m"), regional);

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> resolved.credentials(ModelSettingNames.of("k"), Optional.empty(), Optional.empty()));

        assertEquals("set quarkus.chat-models.\"k\".region or the AWS_REGION or AWS_DEFAULT_REGION environment "
                + "variable: regional needs a region to sign requests", missing.getMessage());
        assertEquals(ModelCredentials.NONE,
                resolved.credentials(ModelSettingNames.of("k"), Optional.empty(), Optional.of("eu-west-1")));
    }

    @Test
    void aSignerSignsEveryAttemptOverTheExactRequestSent() {
        standIn.enqueue("/signed/v1/models/m:generate", Reply.json(200, "{}"));
        List<OutgoingRequest> signed = new CopyOnWriteArrayList<>();
        RequestAuthenticator signer = request -> {
            signed.add(request);
            return Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/bedrock/aws4_request, "
                    + "SignedHeaders=host, Signature=sig" + signed.size(), "x-amz-security-token", SESSION_TOKEN);
        };
        TransportSettings settings = new TransportSettings("signed", URI.create(standIn.baseUrl() + "/signed/v1"),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty(), 1, true, false, 4096,
                SecretRedactor.of(List.of(SESSION_TOKEN)));
        String body = "{\"text\":\"héllo\"}";
        try (VertxTransport transport = VertxTransport.create(vertx, settings)) {
            HttpCall call = new HttpCall("/models/m:generate?alt=sse", Map.of("X-Team", "blue"), body, signer);
            transport.post(call).await().atMost(Duration.ofSeconds(10));
            transport.post(call).await().atMost(Duration.ofSeconds(10));
        }

        assertEquals(2, signed.size());
        OutgoingRequest first = signed.get(0);
        assertEquals("POST", first.method());
        assertEquals(URI.create(standIn.baseUrl() + "/signed/v1/models/m:generate?alt=sse"), first.uri());
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), first.body());
        assertEquals("blue", first.headers().get("X-Team"));
        assertEquals("application/json", first.headers().get("Content-Type"));
        List<RecordedRequest> requests = standIn.requests();
        assertEquals(List.of("sig1", "sig2"), requests.stream()
                .map(r -> r.header("authorization").substring(r.header("authorization").indexOf("Signature=") + 10))
                .toList());
        assertEquals(SESSION_TOKEN, requests.get(1).header("x-amz-security-token"));
        assertEquals(body, requests.get(1).body());
    }

    @Test
    void aStreamOfAProvidersOwnFramingIsReadByItsDeframer() {
        standIn.enqueue("/framed/stream", Reply.ndjson("one;tw\no;three;\n"), Reply.ndjson("one;tw\n"));
        TransportSettings settings = new TransportSettings("framed", URI.create(standIn.baseUrl() + "/framed"),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty(), 1, false, false, 4096, SecretRedactor.NONE);
        try (VertxTransport transport = VertxTransport.create(vertx, settings)) {
            HttpCall call = new HttpCall("/stream", Map.of(), "{}");

            List<StreamEvent> events = transport.stream(call, SEMICOLON_FRAMES).collect().asList()
                    .await().atMost(Duration.ofSeconds(10));
            Throwable truncated = transport.stream(call, SEMICOLON_FRAMES).collect().asList().onItemOrFailure()
                    .transform((items, failure) -> failure).await().atMost(Duration.ofSeconds(10));

            assertEquals(List.of(new StreamEvent(null, "one"), new StreamEvent(null, "two"),
                    new StreamEvent(null, "three")), events);
            assertEquals("application/x-test-frames", standIn.requests().get(0).header("accept"));
            assertInstanceOf(IllegalStateException.class, truncated);
            assertEquals("the body ended inside a frame", truncated.getMessage());
        }
    }

    /** Frames that end with {@code ;}; line ends between them are ignored. */
    private static final class SemicolonFrames implements StreamDeframer {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void feed(ByteBuffer bytes, Consumer<StreamEvent> events) {
            while (bytes.hasRemaining()) {
                char c = (char) bytes.get();
                if (c == ';') {
                    events.accept(new StreamEvent(null, partial.toString()));
                    partial.setLength(0);
                } else if (c != '\n') {
                    partial.append(c);
                }
            }
        }

        @Override
        public void end(Consumer<StreamEvent> events) {
            if (!partial.isEmpty()) {
                throw new IllegalStateException("the body ended inside a frame");
            }
        }
    }

    @Test
    void blockingInvokeOnTheEventLoopFailsClearly() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            try {
                openAi.invoke("Hello");
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });

        Throwable error = outcome.get(10, TimeUnit.SECONDS);
        IllegalStateException refused = assertInstanceOf(IllegalStateException.class, error);
        assertTrue(refused.getMessage().contains("cannot run on the event-loop thread"), refused.getMessage());
        assertTrue(refused.getMessage().contains("use invokeAsync()"), refused.getMessage());
        assertTrue(standIn.requests().isEmpty());
    }

    @Test
    void aLargeRequestMadeOnTheEventLoopIsEncodedAndSent() throws Exception {
        standIn.enqueue("/anthropic/v1/messages", Reply.fromFixture("anthropic", "text_nonstream.response.json"));
        // invalid arguments in the history, as a model can leave them (an object, then junk), repaired into the object
        String args = "{\"q\": \"found\"} " + "y".repeat(160_000);
        List<Message> history = List.of(HumanMessage.of("Look it up"),
                new AIMessage(List.of(), List.of(), List.of(new InvalidToolCall("toolu_1", "lookup", args, "not JSON")),
                        null, Map.of(), null),
                ToolMessage.of("nothing found", "toolu_1"), HumanMessage.of("Hello"));
        CompletableFuture<AIMessage> outcome = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> claude.invokeAsync(history, RunConfig.EMPTY).subscribe()
                .with(outcome::complete, outcome::completeExceptionally));

        assertEquals("Hello! It's nice to meet you. How are you doing today?",
                outcome.get(30, TimeUnit.SECONDS).text());
        JsonNode input = single(standIn.requests()).json().at("/messages/1/content/0/input");
        assertEquals("found", input.path("q").asText());
    }

    /** The failure of a stream of {@code model}, or {@code null} when it completes. */
    private static Throwable streamFailure(ChatModel model) {
        return model.stream("Hello").collect().asList().onItem().transform(items -> (Throwable) null)
                .onFailure().recoverWithItem(t -> t).await().atMost(Duration.ofSeconds(10));
    }

    private static JsonNode json(String text) {
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static RecordedRequest single(List<RecordedRequest> requests) {
        assertEquals(1, requests.size(), () -> "requests: " + requests);
        return requests.get(0);
    }

    static void assertLogsShowBodiesButNoKey(List<LogRecord> records) {
        List<String> messages = records.stream()
                .map(record -> record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage())
                .toList();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("[default] POST /chat/completions")
                && m.contains("\"top_p\":0.5") && m.contains("Authorization=***") && m.contains("X-Team=blue")),
                () -> "no request log in " + messages);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("[default] HTTP 200") && m.contains("chatcmpl-")),
                () -> "no response log in " + messages);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("[claude] POST /messages") && m.contains("x-api-key=***")),
                () -> "no request log of claude in " + messages);
        assertTrue(messages.stream().noneMatch(m -> m.startsWith("[claude] HTTP")), "claude does not log responses");
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("[signed] POST /models/m:generate?alt=sse")
                && m.contains("Authorization=***") && m.contains("x-amz-security-token=***") && m.contains("X-Team=blue")
                && !m.contains("Signature=")), () -> "no masked request log of the signed call in " + messages);
        for (int i = 0; i < records.size(); i++) {
            String logged = messages.get(i) + " " + records.get(i).getThrown();
            assertFalse(logged.contains(OPENAI_KEY) || logged.contains(ANTHROPIC_KEY) || logged.contains(SESSION_TOKEN),
                    () -> "a key is logged: " + logged);
        }
    }
}
