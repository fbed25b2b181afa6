package dev.chatmodels.functions.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.chatmodels.message.FinishReason;

/** The functions answer OpenAI's words for the normalised reasons, whatever the provider called them. */
class OpenAiFinishReasonTest {

    @Test
    void aStandardReasonIsAnsweredAsItIs() {
        assertEquals("stop", OpenAiFinishReason.of(FinishReason.STOP, false));
        assertEquals("length", OpenAiFinishReason.of(FinishReason.LENGTH, true));
        assertEquals("tool_calls", OpenAiFinishReason.of(FinishReason.TOOL_CALLS, true));
        assertEquals("content_filter", OpenAiFinishReason.of(FinishReason.CONTENT_FILTER, false));
    }

    @Test
    void noReasonOrOneOpenAiHasNoWordForDependsOnWhetherTheAnswerCallsTools() {
        assertEquals("stop", OpenAiFinishReason.of(null, false));
        assertEquals("tool_calls", OpenAiFinishReason.of(null, true));
        assertEquals("stop", OpenAiFinishReason.of(FinishReason.OTHER, false));
        assertEquals("tool_calls", OpenAiFinishReason.of(FinishReason.ERROR, true));
    }
}
