package dev.chatmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.message.Message;
import dev.chatmodels.message.MessageJson;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.PlainTextBlock;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ReplayTransport;

/** Content written in a provider's own dictionary form (Anthropic's image and document sources) works everywhere. */
class NativeDictionaryInputTest {

    private static final JsonNode RECORDED = Fixtures.json("openai-chat", "image_input_base64_nonstream.request.json");
    private static final String PNG = RECORDED.at("/messages/0/content/1/image_url/url").asText()
            .substring("data:image/png;base64,".length());

    /** The recorded question, its image written the way Anthropic's API takes it. */
    private static List<Map<String, Object>> anthropicStyle() {
        return List.of(Map.of("role", "user", "content", List.of(
                Map.of("type", "text", "text", RECORDED.at("/messages/0/content/0/text").asText()),
                Map.of("type", "image", "source", Map.of("type", "base64", "media_type", "image/png", "data", PNG)))));
    }

    private static JsonNode sent(String provider, String fixtures, String scenario, String model, List<?> input) {
        ReplayTransport transport = new ReplayTransport(fixtures).then(scenario);
        HttpChatModel chat = HttpChatModel.builder(ProviderRegistry.require(provider)).transport(transport)
                .apiKey("test-key").settings(ModelSettings.of(model)).build();
        chat.invoke(input);
        return transport.requests().get(0);
    }

    @Test
    void anAnthropicImageReachesOpenAiAsTheRecordedRequest() {
        assertEquals(RECORDED, sent("openai", "openai-chat", "image_input_base64_nonstream", "gpt-4o-mini", anthropicStyle()));
    }

    @Test
    void anAnthropicImageReachesAnthropicAsWritten() {
        JsonNode sent = sent("anthropic", "anthropic", "text_nonstream", "claude-sonnet-4-5", anthropicStyle());

        assertEquals(Map.of("type", "base64", "media_type", "image/png", "data", PNG),
                dev.chatmodels.json.Jackson.MAPPER.convertValue(sent.at("/messages/0/content/1/source"), Map.class));
    }

    @Test
    void documentsByUrlFileIdOrTextAreRead() {
        List<Message> messages = MessageJson.listFrom(List.of(Map.of("role", "user", "content", List.of(
                Map.of("type", "document", "source", Map.of("type", "url", "url", "https://example.com/a.pdf")),
                Map.of("type", "document", "title", "Notes", "source", Map.of("type", "file", "file_id", "file_1")),
                Map.of("type", "document", "source", Map.of("type", "text", "media_type", "text/plain", "data", "hi"))))));

        List<?> blocks = messages.get(0).content();
        assertEquals(DataBlock.Kind.FILE, ((DataBlock) blocks.get(0)).kind());
        assertEquals("https://example.com/a.pdf", ((DataBlock) blocks.get(0)).url());
        assertEquals("file_1", ((DataBlock) blocks.get(1)).fileId());
        assertEquals("hi", ((PlainTextBlock) blocks.get(2)).text());
        assertEquals("Message 0: Unknown source type 'bytes' of a image block: use base64, url, file or text",
                assertThrows(IllegalArgumentException.class, () -> MessageJson.listFrom(List.of(Map.of("role", "user",
                        "content", List.of(Map.of("type", "image", "source", Map.of("type", "bytes"))))))).getMessage());
    }
}
