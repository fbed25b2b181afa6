package dev.chatmodels.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.HttpChatModel;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.RecordedRequest;
import dev.chatmodels.testing.Reply;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Options of the reference's {@code init_chat_model} given to {@link ChatModels#init}: mapped to their equivalents
 * here, accepted when they ask for what always happens, or refused naming what to use instead; never sent to the
 * provider.
 */
class ReferenceOptionsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClass(StandInConfigSource.class)
                    .addAsServiceProvider(ConfigSource.class, StandInConfigSource.class));

    /** The reference's options this test gives: none of them may reach a request body. */
    private static final List<String> REFERENCE_NAMES = List.of("openai_api_key", "openai_api_base", "default_headers",
            "model_kwargs", "request_timeout", "max_tokens_to_sample", "stop_sequences", "stream_usage", "streaming",
            "use_responses_api", "output_version", "openai_proxy");

    @Inject
    ChatModels models;

    private final ProviderStandIn standIn = StandInConfigSource.standIn();

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @AfterAll
    static void stopStandIn() {
        StandInConfigSource.stop();
    }

    private static RecordedRequest single(List<RecordedRequest> requests) {
        assertEquals(1, requests.size(), () -> "requests: " + requests);
        return requests.get(0);
    }

    @Test
    void theReferencesSpellingsMapToTheirEquivalents() {
        ChatModel model = models.init("openai:gpt-4.1-mini", Map.ofEntries(
                Map.entry("openai_api_key", "sk-reference-key"),
                Map.entry("openai_api_base", standIn.baseUrl() + "/v1"),
                Map.entry("default_headers", Map.of("X-Team", "red")),
                Map.entry("model_kwargs", Map.of("top_p", 0.3)),
                Map.entry("request_timeout", 30.5),
                Map.entry("max_tokens_to_sample", 77),
                Map.entry("stop_sequences", List.of("END")),
                Map.entry("stream_usage", true),
                Map.entry("streaming", false),
                Map.entry("use_responses_api", false),
                Map.entry("output_version", "v1")));
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        assertFalse(model.invoke("Hello").text().isEmpty());

        RecordedRequest request = single(standIn.requests());
        assertEquals("Bearer sk-reference-key", request.header("authorization"));
        assertEquals("red", request.header("x-team"));
        JsonNode body = request.json();
        assertEquals(0.3, body.path("top_p").asDouble());
        assertEquals(77, ((HttpChatModel) model).settings().maxTokens());
        assertEquals(List.of("END"), ((HttpChatModel) model).settings().stop());
        REFERENCE_NAMES.forEach(name -> assertFalse(body.has(name), () -> name + " was sent: " + body));
        assertEquals(Map.of("top_p", 0.3), ((HttpChatModel) model).settings().kwargs());
    }

    @Test
    void useResponsesApiSendsEveryCallToTheResponsesApi() {
        ChatModel model = models.init("openai:gpt-4o", Map.of("api_key", "sk-test", "base_url",
                standIn.baseUrl() + "/v1", "use_responses_api", true));
        standIn.enqueue("/v1/responses", Reply.fromFixture("openai-responses", "text_nonstream.response.json"));

        assertEquals("The capital of France is Paris.", model.invoke("What is the capital of France?").text());

        assertEquals("What is the capital of France?", single(standIn.requests()).json().at("/input/0/content").asText());
    }

    @Test
    void unsetAWebSearchToolSendsTheCallToTheResponsesApi() {
        ChatModel model = models.init("openai:gpt-5.2", Map.of("api_key", "sk-test", "base_url",
                standIn.baseUrl() + "/v1"));
        standIn.enqueue("/v1/responses",
                Reply.fromFixture("openai-responses", "web_search_citations_nonstream.response.json"));

        AIMessage answer = model.bindTools(List.of(Map.of("type", "web_search"))).invoke("Tallest mountain in Alberta?");

        assertEquals("web_search", single(standIn.requests()).json().at("/tools/0/type").asText());
        assertTrue(answer.content().stream().anyMatch(ServerToolCall.class::isInstance), answer::toString);
    }

    @Test
    void useResponsesApiIsRefusedForAProviderWithoutOne() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> models.init("anthropic:claude-haiku-4-5", Map.of("api_key", "sk-ant", "use_responses_api", true)));
        assertTrue(error.getMessage().contains("use_responses_api=true: provider anthropic has no Responses API"),
                error.getMessage());
    }

    @Test
    void anthropicsSpellingsMapToo() {
        ChatModel model = models.init("anthropic:claude-haiku-4-5", Map.of("anthropic_api_key", "sk-ant-reference",
                "anthropic_api_url", standIn.baseUrl() + "/v1", "default_request_timeout", 20.25, "max_retries", 0));
        standIn.enqueue("/v1/messages", Reply.fromFixture("anthropic", "text_nonstream.response.json"));

        assertFalse(model.invoke("Hello").text().isEmpty());

        RecordedRequest request = single(standIn.requests());
        assertEquals("sk-ant-reference", request.header("x-api-key"));
        List.of("anthropic_api_key", "anthropic_api_url", "default_request_timeout", "max_retries")
                .forEach(name -> assertFalse(request.json().has(name), name));
    }

    @Test
    void openaiProxyIsTheProxy() {
        ChatModel model = models.init("ollama:llama3.2", Map.of("base_url", "http://ollama.example.invalid:11434/v1",
                "openai_proxy", "http://alice:s3cret@" + standIn.baseUrl().substring("http://".length())));
        standIn.enqueue("http://ollama.example.invalid:11434/v1/chat/completions",
                Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        assertFalse(model.invoke("Hello").text().isEmpty());

        assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)),
                single(standIn.requests()).header("proxy-authorization"));
    }

    @Test
    void optionsThatCannotBeHonouredAreRefusedNamingWhatToUse() {
        Map<Map<String, Object>, String> refusals = Map.of(
                Map.of("streaming", true), "streaming=true is not supported: invoke() always makes one ordinary request",
                Map.of("output_version", "v0"), "output_version=v0 is not supported: messages always hold standard",
                Map.of("stream_usage", false), "stream_usage=false is not supported: streams always report usage",
                Map.of("openai_organization", "org-1"), "openai_organization is not supported as an option: send the "
                        + "header instead: headers={\"OpenAI-Organization\"",
                Map.of("organization", "org-1"), "organization is not supported as an option: send the header",
                Map.of("callbacks", List.of()), "callbacks is not supported as an option: give callbacks per call in "
                        + "RunConfig",
                Map.of("tags", List.of("a")), "tags is not supported as an option: give tags per call in RunConfig");

        refusals.forEach((options, message) -> {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> models.init("openai:gpt-4.1-mini", withKey(options)));
            assertTrue(error.getMessage().startsWith(message), error.getMessage());
        });
        assertTrue(standIn.requests().isEmpty());
    }

    @Test
    void configurableValuesCannotMakeANestedConfigurableModel() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> models.configurable(Map.of("configurable_fields", "any", "api_key", "sk-test"))
                        .selectedModel(dev.chatmodels.model.RunConfig.EMPTY.withConfigurable("model", "openai:gpt-4.1")
                                .withConfigurable("config_prefix", "x")));

        assertTrue(error.getMessage().startsWith("config_prefix is not supported as an option: configurable_fields and "
                + "config_prefix are options of ChatModels.init"), error.getMessage());
    }

    private static Map<String, Object> withKey(Map<String, Object> options) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(options);
        all.put("api_key", "sk-test");
        return all;
    }
}
