package dev.chatmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.testing.ReplayTransport;

/** invoke and stream take messages in their dictionary forms, as the reference does, and send what Messages send. */
class DictionaryInputTest {

    private static HttpChatModel model(ReplayTransport transport) {
        return HttpChatModel.builder(ProviderRegistry.require("openai")).transport(transport).apiKey("test-key")
                .settings(ModelSettings.of("gpt-4o")).build();
    }

    @Test
    void mapsPairsStringsAndJsonSendTheSameRequestAsMessages() throws Exception {
        ReplayTransport transport = new ReplayTransport("openai-chat");
        for (int i = 0; i < 5; i++) {
            transport.then("text_nonstream");
        }
        HttpChatModel model = model(transport);

        model.invoke(List.of(SystemMessage.of("Be brief."), HumanMessage.of("Hello, how are you?")));
        model.invoke(List.of(Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "Hello, how are you?")))));
        model.invoke(List.of(List.of("system", "Be brief."), "Hello, how are you?"));
        model.invoke(Jackson.MAPPER.readTree(
                "[{\"role\": \"developer\", \"content\": \"Be brief.\"}, [\"human\", \"Hello, how are you?\"]]"));
        model.invoke(List.of(SystemMessage.of("Be brief."), Map.of("role", "user", "content", "Hello, how are you?")));

        List<JsonNode> sent = transport.requests();
        for (int i = 1; i < sent.size(); i++) {
            assertEquals(sent.get(0), sent.get(i), "request " + i);
        }
    }

    @Test
    void streamTakesThemToo() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("text_stream_include_usage");

        String text = model(transport).stream(List.of(Map.of("role", "user", "content", "Hi")))
                .collect().asList().await().indefinitely().stream().map(c -> c.text()).reduce("", String::concat);

        assertEquals("Hi", transport.requests().get(0).at("/messages/0/content").asText());
        assertEquals(false, text.isEmpty());
    }

    @Test
    void anElementThatIsNoMessageIsNamedByItsPosition() {
        HttpChatModel model = model(new ReplayTransport("openai-chat"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.invoke(List.of("Hi", Map.of("content", "who am I"))));

        assertEquals("Message 1: A message needs a role: one of system, developer, user, human, assistant, ai, tool;"
                + " got {\"content\":\"who am I\"}", error.getMessage());
    }
}
