package dev.chatmodels.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.MessageJson;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.content.CacheControl;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.model.HttpChatModel;
import dev.chatmodels.model.ModelSettings;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ReplayTransport;

/** Prompt-cache breakpoints written the reference's way reach Anthropic as its cache_control. */
class AnthropicCacheControlTest {

    private static final JsonNode RECORDED = Fixtures.json("anthropic", "cache_read_nonstream.request.json");

    private static JsonNode sent(List<? extends Message> messages, String provider, String scenario, String model) {
        ReplayTransport transport = new ReplayTransport("openai".equals(provider) ? "openai-chat" : provider).then(scenario);
        HttpChatModel chat = HttpChatModel.builder(ProviderRegistry.require(provider)).transport(transport)
                .apiKey("test-key").settings(ModelSettings.of(model)).build();
        chat.invoke(messages);
        return transport.requests().get(0);
    }

    private static List<Message> fromDictionaries() throws Exception {
        // as a LangChain user writes it: cache_control beside the standard fields of a text block
        return MessageJson.listFromJson(Jackson.MAPPER.readTree("""
                [{"role": "system", "content": %s},
                 {"role": "user", "content": [{"type": "text", "text": "Say hello in one word.",
                                               "cache_control": {"type": "ephemeral"}}]}]
                """.formatted(RECORDED.get("system"))));
    }

    @Test
    void aBreakpointFromADictionaryIsTheRecordedRequest() throws Exception {
        JsonNode sent = sent(fromDictionaries(), "anthropic", "cache_read_nonstream", "claude-sonnet-4-5-20250929");

        assertEquals(RECORDED, sent);
    }

    @Test
    void aBreakpointMadeInCodeIsTheSame() throws Exception {
        List<Message> messages = List.of(SystemMessage.of(RECORDED.get("system").asText()),
                HumanMessage.of(TextBlock.of("Say hello in one word.").withExtras(CacheControl.EPHEMERAL)));

        assertEquals(RECORDED, sent(messages, "anthropic", "cache_read_nonstream", "claude-sonnet-4-5-20250929"));
    }

    @Test
    void aModelPlacesTheConversationsBreakpointItselfAsRecorded() {
        ReplayTransport transport = new ReplayTransport("anthropic").then("cache_read_nonstream").then("cache_read_nonstream");
        HttpChatModel chat = HttpChatModel.builder(ProviderRegistry.require("anthropic")).transport(transport)
                .apiKey("test-key").settings(ModelSettings.of("claude-sonnet-4-5-20250929"))
                .cachePoints(java.util.Set.of(dev.chatmodels.model.CachePoint.MESSAGES)).build();
        List<Message> plain = List.of(SystemMessage.of(RECORDED.get("system").asText()),
                HumanMessage.of("Say hello in one word."));

        chat.invoke(plain);
        chat.withProfile(chat.profile()).invoke(plain);

        assertEquals(RECORDED, transport.requests().get(0));
        assertEquals(RECORDED, transport.requests().get(1));
        // the caller's messages are not changed
        assertEquals(Map.of(), ((TextBlock) plain.get(1).content().get(0)).extras());
    }

    @Test
    void andTheSystemInstructionsBreakpoint() {
        ReplayTransport transport = new ReplayTransport("anthropic").then("cache_read_nonstream");
        HttpChatModel chat = HttpChatModel.builder(ProviderRegistry.require("anthropic")).transport(transport)
                .apiKey("test-key").settings(ModelSettings.of("claude-sonnet-4-5-20250929"))
                .cachePoints(java.util.Set.of(dev.chatmodels.model.CachePoint.SYSTEM)).build();

        chat.invoke(List.of(SystemMessage.of("Be brief."), HumanMessage.of("Hi")));

        JsonNode sent = transport.requests().get(0);
        assertEquals("ephemeral", sent.at("/system/0/cache_control/type").asText(), sent.toString());
        assertFalse(sent.get("messages").toString().contains("cache_control"), sent.toString());
    }

    @Test
    void extrasSurviveTheDictionaryFormAndStayOffProvidersWithoutBreakpoints() throws Exception {
        List<Message> messages = fromDictionaries();
        TextBlock block = (TextBlock) messages.get(1).content().get(0);
        assertEquals(CacheControl.EPHEMERAL, block.extras());
        assertEquals(messages, MessageJson.listFromJson(MessageJson.listToJson(messages)));

        JsonNode openAi = sent(messages, "openai", "text_nonstream", "gpt-4o");
        assertFalse(openAi.toString().contains("cache_control"), openAi.toString());
        assertEquals(Map.of(), TextBlock.of("x").extras());
    }
}
