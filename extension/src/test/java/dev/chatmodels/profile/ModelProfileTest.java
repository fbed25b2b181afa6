package dev.chatmodels.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.chatmodels.usage.UsageMetadata;
import dev.chatmodels.usage.UsageMetadata.InputTokenDetails;

class ModelProfileTest {

    @Test
    void overridesAreConvertedToEachFieldsTypeInEitherCase() {
        ModelProfile profile = ModelProfile.of(Map.of("max-input-tokens", "64000", "pdf_inputs", "FALSE",
                "input_cost", "0.25", "status", "deprecated", "max_output_tokens", 4096L));

        assertEquals(64_000, profile.maxInputTokens().getAsInt());
        assertEquals(4096, profile.maxOutputTokens().getAsInt());
        assertTrue(profile.refuses(ProfileField.PDF_INPUTS));
        assertEquals(0.25, profile.inputCost().getAsDouble());
        assertEquals(Optional.of("deprecated"), profile.get(ProfileField.STATUS));
    }

    @Test
    void badOverridesNameTheFieldAndWhatItTakes() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ModelProfile.of(Map.of("context_window", 1)));
        assertTrue(unknown.getMessage().startsWith("Unknown profile field 'context_window'; the fields are name, "),
                unknown.getMessage());

        IllegalArgumentException mistyped = assertThrows(IllegalArgumentException.class,
                () -> ModelProfile.of(Map.of("max_input_tokens", "lots")));
        assertEquals("profile field max_input_tokens takes a whole number, not 'lots'", mistyped.getMessage());
        assertEquals("profile field tool_calling takes true or false, not 'yes'",
                assertThrows(IllegalArgumentException.class, () -> ModelProfile.of(Map.of("tool_calling", "yes")))
                        .getMessage());
        assertEquals("profile field max_input_tokens takes a whole number, not '1.5'",
                assertThrows(IllegalArgumentException.class, () -> ModelProfile.of(Map.of("max_input_tokens", 1.5)))
                        .getMessage());
    }

    @Test
    void aChangedCopyLeavesTheSharedProfileAlone() {
        ModelProfile shared = ModelProfiles.find("openai", "gpt-4.1");
        ModelProfile changed = shared.with(ProfileField.MAX_INPUT_TOKENS, 1000);
        Map<String, Object> unknownCost = new LinkedHashMap<>();
        unknownCost.put("input_cost", null);

        assertEquals(1000, changed.maxInputTokens().getAsInt());
        assertEquals(1_047_576, shared.maxInputTokens().getAsInt());
        assertEquals(shared, ModelProfiles.find("openai", "gpt-4.1"));
        assertTrue(shared.withOverrides(unknownCost).inputCost().isEmpty());
        assertEquals(2.0, shared.inputCost().getAsDouble());
    }

    @Test
    void asMapHasTheReferencesKeysInFieldOrder() {
        ModelProfile profile = ModelProfile.of(Map.of("tool_calling", true, "max_input_tokens", 10, "name", "M"));

        assertEquals("{name=M, max_input_tokens=10, tool_calling=true}", profile.asMap().toString());
    }

    @Test
    void costPricesCacheReadsAndWritesAtTheirOwnRates() {
        ModelProfile profile = ModelProfile.of(Map.of("input_cost", 2, "output_cost", 8, "cache_read_cost", 0.5,
                "cache_write_cost", 3));
        // 1144 input tokens of which 1024 read from the cache and 100 written to it, 2 output tokens
        UsageMetadata usage = new UsageMetadata(1144, 2, 1146, new InputTokenDetails(null, 100L, 1024L), null);

        double expected = (20 * 2 + 1024 * 0.5 + 100 * 3 + 2 * 8) / 1_000_000d;
        assertEquals(expected, profile.estimateCost(usage).getAsDouble(), 1e-15);
    }

    @Test
    void cacheTokensWithoutTheirOwnPriceCostTheInputPrice() {
        ModelProfile profile = ModelProfile.of(Map.of("input_cost", 2, "output_cost", 8));
        UsageMetadata usage = new UsageMetadata(1000, 10, 1010, new InputTokenDetails(null, null, 600L), null);

        assertEquals((1000 * 2 + 10 * 8) / 1_000_000d, profile.estimateCost(usage).getAsDouble(), 1e-15);
    }

    @Test
    void noCostWithoutBothPrices() {
        assertTrue(ModelProfile.of(Map.of("input_cost", 2)).estimateCost(UsageMetadata.of(1, 1)).isEmpty());
        assertTrue(ModelProfile.EMPTY.estimateCost(UsageMetadata.of(1, 1)).isEmpty());
    }
}
