package dev.chatmodels.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Other modules compare what their apps answer with these texts, so they must not be empty by mistake. */
class RecordedAnswersTest {

    @Test
    void readsTheTextOfOpenAiAndAnthropicAnswers() {
        assertTrue(RecordedAnswers.text("openai-chat", "text_nonstream").startsWith("Hello! I'm just a program"));
        assertEquals("Hello! It's nice to meet you. How are you doing today?",
                RecordedAnswers.text("anthropic", "text_nonstream"));
    }

    @Test
    void joinsTheTextAndThinkingDeltasOfStreams() {
        assertFalse(RecordedAnswers.streamedText("openai-chat", "text_stream_include_usage_2").isEmpty());
        String text = RecordedAnswers.streamedText("anthropic", "thinking_stream");
        String thinking = RecordedAnswers.streamedThinking("thinking_stream");
        assertFalse(text.isEmpty());
        assertFalse(thinking.isEmpty());
        assertFalse(text.contains(thinking), "the thinking is not part of the text");
    }

    @Test
    void readsTheAnswerTextOfGeminiLeavingOutThoughts() {
        assertEquals("Hello! How can I help you today?", RecordedAnswers.text("gemini", "generate_content_text"));
        assertTrue(RecordedAnswers.text("gemini", "thought_parts_nonstream").startsWith("Crossing the street safely"));
        assertEquals("The capital of France is Paris.\n",
                RecordedAnswers.streamedText("gemini", "stream_generate_content_text"));
    }
}
