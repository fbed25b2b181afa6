package dev.chatmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.message.AIMessageChunk;
import dev.chatmodels.message.content.ServerToolCall;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.provider.openai.OpenAiChatCodec;
import dev.chatmodels.testing.ReplayTransport;
import dev.chatmodels.tool.ToolSpecification;

/** An OpenAI model picks Chat Completions or the Responses API per request, as {@code use-responses-api} says. */
class ResponsesApiSelectionTest {

    private static final ToolSpecification WEB_SEARCH = ToolSpecification
            .builtIn(Map.of("type", "web_search", "search_context_size", "medium"));

    private static HttpChatModel model(ReplayTransport transport, Boolean useResponsesApi) {
        return HttpChatModel.builder(OpenAiChatCodec.DESCRIPTOR).transport(transport).apiKey("sk-test")
                .settings(ModelSettings.of("gpt-5.2")).useResponsesApi(useResponsesApi).build();
    }

    @Test
    void unsetAWebSearchToolSendsTheCallToTheResponsesApiWithCitationsAndServerToolBlocks() {
        ReplayTransport transport = new ReplayTransport("openai-responses").then("web_search_citations_nonstream");
        AIMessage answer = model(transport, null).bindTools(List.of(WEB_SEARCH))
                .invoke("What is the tallest mountain in Alberta? Provide one sentence with a citation.");

        assertEquals(List.of("/responses"), transport.paths());
        assertEquals("web_search", transport.requests().get(0).at("/tools/0/type").asText());
        assertInstanceOf(ServerToolCall.class, answer.content().get(0));
        assertEquals("citation", ((TextBlock) answer.content().get(2)).annotations().get(0).get("type"));
    }

    @Test
    void unsetAStreamWithAWebSearchToolIsReadAsAResponsesStream() {
        ReplayTransport transport = new ReplayTransport("openai-responses").then("web_search_citations_stream");
        List<AIMessageChunk> chunks = model(transport, null).bindTools(List.of(WEB_SEARCH)).stream("Tallest in Alberta?")
                .collect().asList().await().atMost(Duration.ofMinutes(1));

        assertEquals(List.of("/responses"), transport.paths());
        assertTrue(AIMessageChunk.sum(chunks).toMessage().content().stream().anyMatch(ServerToolCall.class::isInstance));
    }

    @Test
    void unsetAPlainRequestStaysOnChatCompletions() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("text_nonstream");
        model(transport, null).invoke("Hello");
        assertEquals(List.of("/chat/completions"), transport.paths());
    }

    @Test
    void trueSendsEveryRequestToTheResponsesApi() {
        ReplayTransport transport = new ReplayTransport("openai-responses").then("text_nonstream");
        AIMessage answer = model(transport, true).invoke("What is the capital of France?");
        assertEquals(List.of("/responses"), transport.paths());
        assertEquals("The capital of France is Paris.", answer.text());
    }

    @Test
    void falseKeepsEvenAWebSearchToolOnChatCompletions() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("text_nonstream");
        model(transport, false).bindTools(List.of(WEB_SEARCH)).invoke("Hello");
        assertEquals(List.of("/chat/completions"), transport.paths());
    }

    @Test
    void aProviderWithoutAResponsesApiRefusesTrue() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> HttpChatModel.builder(OpenAiChatCodec.compatible("groq", "https://api.groq.com/openai/v1",
                        "GROQ_API_KEY")).transport(new ReplayTransport("groq")).apiKey("k")
                        .settings(ModelSettings.of("llama")).useResponsesApi(true).build());
        assertTrue(error.getMessage().contains("no Responses API"), error.getMessage());
    }
}
