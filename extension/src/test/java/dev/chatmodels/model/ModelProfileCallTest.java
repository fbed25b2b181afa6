package dev.chatmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatmodels.error.UnsupportedInputException;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.profile.ModelProfile;
import dev.chatmodels.profile.ModelProfiles;
import dev.chatmodels.profile.ProfileField;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.testing.ReplayTransport;
import dev.chatmodels.usage.UsageCallback;

/** A model's profile on real calls: what it refuses before sending, and the cost of what it answered. */
class ModelProfileCallTest {

    private static final List<HumanMessage> WITH_PDF = List.of(new HumanMessage(List.of(TextBlock.of("Sum it up"),
            new DataBlock(DataBlock.Kind.FILE, null, "JVBERi0=", "application/pdf", null, null, "r.pdf")), null));

    private static HttpChatModel model(ReplayTransport transport, String modelName) {
        return HttpChatModel.builder(ProviderRegistry.require("openai")).transport(transport).apiKey("test-key")
                .settings(ModelSettings.of(modelName)).build();
    }

    @Test
    void unsupportedInputFailsBeforeAnyRequestInvokeAndStream() {
        ReplayTransport transport = new ReplayTransport("openai-chat");
        HttpChatModel textOnly = model(transport, "gpt-3.5-turbo");

        UnsupportedInputException invoke = assertThrows(UnsupportedInputException.class, () -> textOnly.invoke(WITH_PDF));
        assertTrue(invoke.getMessage().startsWith("Model openai:gpt-3.5-turbo can't take the pdf block of message 0"),
                invoke.getMessage());
        assertThrows(UnsupportedInputException.class,
                () -> textOnly.stream(WITH_PDF, RunConfig.EMPTY).collect().asList().await().indefinitely());
        assertEquals(0, transport.requests().size());
    }

    @Test
    void anOverriddenProfileDecidesAndTheSharedOneStaysAsItWas() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("text_nonstream");
        HttpChatModel textOnly = model(transport, "gpt-3.5-turbo");
        ChatModel overridden = textOnly.withProfile(textOnly.profile().with(ProfileField.PDF_INPUTS, true));

        overridden.invoke(WITH_PDF);

        assertEquals(1, transport.requests().size());
        assertTrue(overridden.profile().supports(ProfileField.PDF_INPUTS).orElseThrow());
        assertTrue(textOnly.profile().refuses(ProfileField.PDF_INPUTS));
        assertEquals(ModelProfiles.find("openai", "gpt-3.5-turbo"), textOnly.profile());
        // derived models keep the override
        assertEquals(overridden.profile(), overridden.bind(Map.of("top_p", 0.5)).profile());
    }

    @Test
    void usageCallbackEstimatesTheCostFromTheCalledModelsPrices() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("usage_cached_tokens");
        UsageCallback usage = new UsageCallback();

        model(transport, "gpt-4.1").invoke(List.of(HumanMessage.of("Hi")), RunConfig.EMPTY.withCallbacks(usage));

        // recorded: 1144 input tokens, 1024 of them cached; 2 output tokens; gpt-4.1 costs $2, $0.50 cached, $8 output
        double expected = (120 * 2 + 1024 * 0.5 + 2 * 8) / 1_000_000d;
        assertEquals(Map.of("gpt-4.1-2025-04-14", expected), usage.estimatedCostByModel());
        assertEquals(expected, usage.estimatedCost(), 1e-15);
    }

    @Test
    void noCostForAModelWithoutPrices() {
        ReplayTransport transport = new ReplayTransport("openai-chat").then("usage_cached_tokens");
        UsageCallback usage = new UsageCallback();
        ChatModel unpriced = model(transport, "gpt-4.1").withProfile(ModelProfile.EMPTY);

        unpriced.invoke(List.of(HumanMessage.of("Hi")), RunConfig.EMPTY.withCallbacks(usage));

        assertEquals(Map.of(), usage.estimatedCostByModel());
        assertEquals(1144, usage.total().inputTokens());
    }
}
