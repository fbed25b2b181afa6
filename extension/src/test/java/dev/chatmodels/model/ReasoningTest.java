package dev.chatmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.error.UnsupportedInputException;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.model.Reasoning.Effort;
import dev.chatmodels.provider.ProviderRegistry;
import dev.chatmodels.testing.Fixtures;
import dev.chatmodels.testing.ReplayTransport;

/** Portable reasoning settings reach each provider in its own form. */
class ReasoningTest {

    private static JsonNode sent(String provider, String fixtures, String scenario, ModelSettings settings) {
        ReplayTransport transport = new ReplayTransport(fixtures).then(scenario);
        HttpChatModel model = HttpChatModel.builder(ProviderRegistry.require(provider)).transport(transport)
                .apiKey("test-key").settings(settings).build();
        model.invoke(List.of(HumanMessage.of(TextBlock.of("How do I cross the street?"))));
        return transport.requests().get(0);
    }

    @Test
    void aBudgetIsAnthropicsThinkingAsRecorded() {
        JsonNode recorded = Fixtures.json("anthropic", "thinking_nonstream.request.json");

        JsonNode sent = sent("anthropic", "anthropic", "thinking_nonstream",
                ModelSettings.of("claude-sonnet-4-5").withReasoning(new Reasoning(null, 1024)));

        assertEquals(recorded, sent);
    }

    @Test
    void anEffortIsOpenAisReasoningEffortAndABudgetBecomesTheEffortCoveringIt() {
        assertEquals("high", sent("openai", "openai-chat", "reasoning_model_o1_mini",
                ModelSettings.of("o3-mini").withReasoning(new Reasoning(Effort.HIGH, null))).get("reasoning_effort").asText());
        assertEquals("medium", sent("openai", "openai-chat", "reasoning_model_o1_mini",
                ModelSettings.of("o3-mini").withReasoning(new Reasoning(null, 5000))).get("reasoning_effort").asText());
    }

    @Test
    void anEffortIsItsBudgetForAnthropicWithRoomToAnswer() {
        JsonNode sent = sent("anthropic", "anthropic", "thinking_nonstream",
                ModelSettings.of("claude-sonnet-4-5").withReasoning(new Reasoning(Effort.MEDIUM, null)));

        assertEquals(8192, sent.at("/thinking/budget_tokens").asInt());
        assertEquals(8192 + 4096, sent.get("max_tokens").asInt());
    }

    @Test
    void maxTokensBelowTheBudgetIsRefusedBeforeAnyRequest() {
        ReplayTransport transport = new ReplayTransport("anthropic");
        HttpChatModel model = HttpChatModel.builder(ProviderRegistry.require("anthropic")).transport(transport)
                .apiKey("test-key").settings(ModelSettings.of("claude-sonnet-4-5").withMaxTokens(1000)
                        .withReasoning(new Reasoning(null, 2048)))
                .build();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.invoke("Hi"));

        assertEquals("Anthropic needs max-tokens (1000) larger than the reasoning budget (2048): raise max-tokens or"
                + " lower reasoning-budget", error.getMessage());
        assertEquals(0, transport.requests().size());
    }

    @Test
    void aModelThatDoesNotReasonRefusesReasoningBeforeAnyRequest() {
        ReplayTransport transport = new ReplayTransport("openai-chat");
        HttpChatModel gpt4o = HttpChatModel.builder(ProviderRegistry.require("openai")).transport(transport)
                .apiKey("test-key").settings(ModelSettings.of("gpt-4o").withReasoning(new Reasoning(Effort.LOW, null)))
                .build();

        UnsupportedInputException error = assertThrows(UnsupportedInputException.class, () -> gpt4o.invoke("Hi"));

        assertTrue(error.getMessage().startsWith("Model openai:gpt-4o does not reason (its profile has"
                + " reasoning_output=false)"), error.getMessage());
        assertEquals(0, transport.requests().size());
    }

    @Test
    void reasoningNeedsAnEffortOrAPositiveBudget() {
        assertThrows(IllegalArgumentException.class, () -> new Reasoning(null, null));
        assertThrows(IllegalArgumentException.class, () -> new Reasoning(null, 0));
        assertEquals(Effort.HIGH, new Reasoning(null, 100_000).effortOrFromBudget());
        assertEquals(Effort.MINIMAL, new Reasoning(null, 1024).effortOrFromBudget());
    }
}
