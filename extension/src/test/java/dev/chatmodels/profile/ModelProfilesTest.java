package dev.chatmodels.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The shipped catalog, read the way models are named in configuration. */
class ModelProfilesTest {

    @Test
    void findsAModelWithTheCatalogsValues() {
        ModelProfile profile = ModelProfiles.find("openai", "gpt-4.1");

        assertEquals(Optional.of("GPT-4.1"), profile.name());
        assertEquals(1_047_576, profile.maxInputTokens().getAsInt());
        assertEquals(32_768, profile.maxOutputTokens().getAsInt());
        assertEquals(2.0, profile.inputCost().getAsDouble());
        assertEquals(8.0, profile.outputCost().getAsDouble());
        assertEquals(Optional.of(0.5), profile.get(ProfileField.CACHE_READ_COST));
        assertEquals(Optional.of(true), profile.supports(ProfileField.TOOL_CALLING));
        assertEquals(Optional.of(true), profile.supports(ProfileField.IMAGE_INPUTS));
    }

    @Test
    void aDatedNameFallsBackToItsUndatedEntry() {
        assertEquals(ModelProfiles.find("openai", "gpt-4.1"), ModelProfiles.find("openai", "gpt-4.1-2025-04-14"));
        assertEquals(ModelProfiles.find("openai", "gpt-4o"), ModelProfiles.find("openai", "gpt-4o-2024-08-06"));
    }

    @Test
    void aBedrockInferenceProfileIdFindsItsModel() {
        ModelProfile direct = ModelProfiles.find("bedrock", "anthropic.claude-3-5-haiku-20241022-v1:0");

        assertFalse(direct.isEmpty());
        assertEquals(direct, ModelProfiles.find("bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0"));
        assertEquals(direct, ModelProfiles.find("bedrock", "global.anthropic.claude-3-5-haiku-20241022-v1:0"));
    }

    @Test
    void anUnknownModelOrProviderHasAnEmptyProfile() {
        assertSame(ModelProfile.EMPTY, ModelProfiles.find("openai", "my-fine-tune"));
        assertSame(ModelProfile.EMPTY, ModelProfiles.find("ollama", "llama3.2"));
        assertSame(ModelProfile.EMPTY, ModelProfiles.find("openai", null));
    }

    @Test
    void onlyTextOnlyModelsRefuseInputKindsTheCatalogLeavesOut() {
        // the catalog lists no PDF input for GPT-4o, which takes PDFs: unknown there, never refused
        assertTrue(ModelProfiles.find("openai", "gpt-4o").supports(ProfileField.PDF_INPUTS).orElse(true));
        assertTrue(ModelProfiles.find("openai", "gpt-3.5-turbo").refuses(ProfileField.PDF_INPUTS));
        assertTrue(ModelProfiles.find("deepseek", "deepseek-chat").refuses(ProfileField.IMAGE_INPUTS));
        assertTrue(ModelProfiles.find("google", "gemini-2.5-flash").supports(ProfileField.VIDEO_INPUTS).orElseThrow());
    }
}
