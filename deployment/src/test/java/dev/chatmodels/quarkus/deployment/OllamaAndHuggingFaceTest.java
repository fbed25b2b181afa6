package dev.chatmodels.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.FinishReason;
import dev.chatmodels.message.content.ToolCall;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.quarkus.runtime.ModelName;
import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.RecordedRequest;
import dev.chatmodels.testing.Reply;
import dev.chatmodels.tool.ToolSpecification;
import dev.chatmodels.usage.UsageMetadata;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Ollama speaks its native {@code /api/chat} (NDJSON streams) at a plain base URL and stays OpenAI-compatible at one
 * ending in {@code /v1}; Hugging Face sends repository model ids with their inference-provider suffix and reads
 * {@code HUGGINGFACEHUB_API_TOKEN} when {@code HF_TOKEN} is not set.
 */
class OllamaAndHuggingFaceTest {

    private static final String HUB_TOKEN = "hf_hub-variable-token-8Kq2Lm";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClass(StandInConfigSource.class)
                    .addAsServiceProvider(ConfigSource.class, StandInConfigSource.class))
            .overrideConfigKey("quarkus.chat-models.model", "ollama:llama3.2")
            .overrideConfigKey("quarkus.chat-models.compatible.model", "ollama:llama3.2")
            .overrideConfigKey("quarkus.chat-models.hf.model", "huggingface:meta-llama/Llama-3.3-70B-Instruct:novita")
            .overrideConfigKey("quarkus.chat-models.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.compatible.max-retries", "0")
            .overrideConfigKey("quarkus.chat-models.hf.max-retries", "0")
            .overrideRuntimeConfigKey("quarkus.chat-models.base-url", "${stand-in.url}")
            .overrideRuntimeConfigKey("quarkus.chat-models.compatible.base-url", "${stand-in.url}/v1")
            .overrideRuntimeConfigKey("quarkus.chat-models.hf.base-url", "${stand-in.url}/v1")
            .overrideRuntimeConfigKey("HUGGINGFACEHUB_API_TOKEN", HUB_TOKEN);

    @Inject
    ChatModel ollama;

    @Inject
    ChatModels models;

    @Inject
    @ModelName("compatible")
    ChatModel compatible;

    @Inject
    @ModelName("hf")
    ChatModel huggingFace;

    private final ProviderStandIn standIn = StandInConfigSource.standIn();

    @BeforeEach
    void forgetRequests() {
        standIn.reset();
    }

    @AfterAll
    static void stopStandIn() {
        StandInConfigSource.stop();
    }

    @Test
    void ollamaSpeaksItsNativeChatApi() {
        standIn.enqueue("/api/chat", Reply.fromFixture("ollama", "chat_nonstream_text_docs.response.json"));

        AIMessage answer = ollama.invoke("why is the sky blue?");

        assertEquals("Hello! How are you today?", answer.text());
        assertEquals(new UsageMetadata(26, 298, 324, null, null), answer.usage());
        RecordedRequest request = single(standIn.requests());
        assertEquals("llama3.2", request.json().get("model").asText());
        assertFalse(request.json().get("stream").asBoolean());
        assertNull(request.header("authorization"), "no key");
    }

    @Test
    void ollamaStreamsNdjson() {
        standIn.enqueue("/api/chat", Reply.fromFixture("ollama", "chat_stream_text_tail_real.response.ndjson"));

        List<AIMessageChunk> chunks = ollama.stream("Hello").collect().asList().await().atMost(Duration.ofSeconds(30));

        AIMessage answer = AIMessageChunk.sum(chunks).toMessage();
        assertEquals(" these times of day.", answer.text());
        assertEquals(new UsageMetadata(10, 239, 249, null, null), answer.usage());
        RecordedRequest request = single(standIn.requests());
        assertEquals("application/x-ndjson", request.header("accept"));
    }

    @Test
    void anOllamaModelMadeByInitCallsToolsWithObjectArgumentsAndKeepsItsKeepAlive() {
        ChatModel model = models.init("ollama:llama3.2", Map.of("base_url", standIn.baseUrl(), "max_retries", 0,
                "model_kwargs", Map.of("keep_alive", "10m", "num_ctx", 4096)))
                .bindTools(List.of(ToolSpecification.of("get_weather", "Get the weather in a given city",
                        (ObjectNode) Jackson.MAPPER.valueToTree(Map.of("type", "object", "properties",
                                Map.of("city", Map.of("type", "string")))))));
        standIn.enqueue("/api/chat", Reply.fromFixture("ollama", "chat_nonstream_tool_call_docs.response.json"));

        AIMessage answer = model.invoke("what is the weather in tokyo?");

        assertEquals(List.of(Map.of("city", "Tokyo")), answer.toolCalls().stream().map(ToolCall::args).toList());
        assertEquals(FinishReason.TOOL_CALLS, answer.finishReason());
        JsonNode body = single(standIn.requests()).json();
        assertEquals("10m", body.get("keep_alive").asText());
        assertEquals(4096, body.at("/options/num_ctx").asInt());
        assertEquals("get_weather", body.at("/tools/0/function/name").asText());
    }

    @Test
    void ollamaAtAV1BaseUrlStaysOpenAiCompatible() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        assertFalse(compatible.invoke("Hello").text().isEmpty());
        assertEquals("llama3.2", single(standIn.requests()).json().get("model").asText());
    }

    @Test
    void huggingFaceSendsTheModelIdAndTheHubToken() {
        standIn.enqueue("/v1/chat/completions", Reply.fromFixture("openai-chat", "text_nonstream.response.json"));

        assertFalse(huggingFace.invoke("Hello").text().isEmpty());

        RecordedRequest request = single(standIn.requests());
        assertEquals("meta-llama/Llama-3.3-70B-Instruct:novita", request.json().get("model").asText());
        assertEquals("Bearer " + HUB_TOKEN, request.header("authorization"));
    }

    private static RecordedRequest single(List<RecordedRequest> requests) {
        assertEquals(1, requests.size(), requests::toString);
        return requests.get(0);
    }
}
