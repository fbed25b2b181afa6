package dev.chatmodels.quarkus.deployment.devui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.quarkus.deployment.StandInConfigSource;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.quarkus.runtime.devui.ChatModelsJsonRpcService;
import dev.chatmodels.quarkus.runtime.tool.ToolBeans;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.tool.Tool;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The Dev UI's JSON-RPC service on a real application: the models it lists (never a key), the tool beans with their
 * schemas, and the playground's streamed events, over a stand-in that replays recorded answers, also one that echoes
 * the key in an error.
 */
class DevUiJsonRpcTest {

    private static final String KEY = "sk-devui-test-key-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(StandInConfigSource.class, Weather.class)
                    .addAsServiceProvider(ConfigSource.class, StandInConfigSource.class))
            .overrideConfigKey("quarkus.chat-models.model", "openai:gpt-4.1-mini")
            .overrideConfigKey("quarkus.chat-models.api-key", KEY)
            .overrideConfigKey("quarkus.chat-models.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.tools", "weather")
            .overrideConfigKey("quarkus.chat-models.rate-limit.requests-per-second", "50")
            .overrideRuntimeConfigKey("quarkus.chat-models.base-url", "${stand-in.url}/v1");

    @ApplicationScoped
    static class Weather {
        @Tool("Gets the weather of a city")
        public String forecast(String city) {
            return "sunny";
        }
    }

    @Inject
    ChatModels models;

    @Inject
    ChatModelsConfig config;

    @Inject
    ToolBeans tools;

    private final ProviderStandIn standIn = StandInConfigSource.standIn();

    @AfterEach
    void reset() {
        standIn.reset();
    }

    private ChatModelsJsonRpcService service() {
        return new ChatModelsJsonRpcService(models, config, tools);
    }

    @Test
    void listsEveryModelWithItsSettingsAndProfileButNoKey() throws Exception {
        List<Map<String, Object>> listed = service().getModels();

        assertEquals(1, listed.size());
        Map<String, Object> model = listed.get(0);
        assertEquals("default", model.get("name"));
        assertEquals("openai", model.get("provider"));
        assertEquals("gpt-4.1-mini", model.get("model"));
        assertTrue(((String) model.get("baseUrl")).endsWith("/v1"));
        assertEquals(50.0, model.get("requestsPerSecond"));
        assertEquals(List.of("weather"), model.get("tools"));
        assertEquals("GPT-4.1 mini", ((Map<?, ?>) model.get("profile")).get("name"));
        assertFalse(Jackson.MAPPER.writeValueAsString(listed).contains(KEY));
    }

    @Test
    void listsTheToolBeansWithTheirSchemas() {
        List<Map<String, Object>> listed = service().getTools();

        assertEquals(1, listed.size());
        assertEquals("weather", listed.get(0).get("bean"));
        assertEquals("forecast", listed.get(0).get("name"));
        assertEquals("Gets the weather of a city", listed.get(0).get("description"));
        assertTrue(listed.get(0).get("schema").toString().contains("city"), listed.toString());
    }

    @Test
    void thePlaygroundStreamsStartTokensAndTheAnswerWithUsage() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_stream_include_usage.response.sse"));

        List<Map<String, Object>> events = service().chat("default", "[{\"role\": \"user\", \"content\": \"Hi\"}]")
                .collect().asList().await().atMost(Duration.ofSeconds(30));

        assertEquals("start", events.get(0).get("type"));
        assertEquals(List.of(Map.of("role", "user", "content", "Hi")), events.get(0).get("request"));
        assertTrue(events.stream().filter(e -> "token".equals(e.get("type"))).count() > 1);
        Map<String, Object> end = events.get(events.size() - 1);
        assertEquals("end", end.get("type"));
        assertTrue(((Map<?, ?>) end.get("usage")).get("totalTokens") instanceof Number, end.toString());
        assertTrue(standIn.requests().get(0).json().path("stream").asBoolean());
    }

    @Test
    void anErrorThatEchoesTheKeyReachesThePlaygroundMasked() {
        standIn.enqueue("/v1/chat/completions", Reply.json(401, "{\"error\": {\"message\": \"Incorrect API key provided: "
                + KEY + "\", \"type\": \"invalid_request_error\", \"code\": \"invalid_api_key\"}}"));

        List<Map<String, Object>> events = service().chat("default", "[\"Hi\"]").collect().asList().await()
                .atMost(Duration.ofSeconds(30));

        Map<String, Object> last = events.get(events.size() - 1);
        assertEquals("error", last.get("type"));
        assertTrue(last.get("error").toString().contains("Incorrect API key provided"), last.toString());
        assertFalse(events.toString().contains(KEY), events.toString());
    }

    @Test
    void badInputIsAnErrorEventNotAFailure() {
        List<Map<String, Object>> unknown = service().chat("nope", "[]").collect().asList().await().indefinitely();
        List<Map<String, Object>> notJson = service().chat("default", "[{").collect().asList().await().indefinitely();

        assertTrue(unknown.get(0).get("error").toString().contains("No chat model named 'nope'"), unknown.toString());
        assertEquals("error", notJson.get(0).get("type"));
    }
}
