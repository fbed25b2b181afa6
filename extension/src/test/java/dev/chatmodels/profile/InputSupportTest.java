package dev.chatmodels.profile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatmodels.error.UnsupportedInputException;
import dev.chatmodels.message.HumanMessage;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.SystemMessage;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.DataBlock;
import dev.chatmodels.message.content.TextBlock;

class InputSupportTest {

    private static final DataBlock PDF = new DataBlock(DataBlock.Kind.FILE, null, "JVBERi0=", "application/pdf", null,
            null, "report.pdf");
    private static final DataBlock IMAGE_URL = DataBlock.imageUrl("https://example.com/cat.png");

    private static HumanMessage human(ContentBlock... blocks) {
        return new HumanMessage(List.of(blocks), null);
    }

    @Test
    void aPdfForATextOnlyModelIsRefusedNamingTheModelTheMessageAndTheField() {
        ModelProfile textOnly = ModelProfiles.find("openai", "gpt-3.5-turbo");
        List<Message> messages = List.of(SystemMessage.of("Be brief."), human(TextBlock.of("Sum it up"), PDF));

        UnsupportedInputException refused = assertThrows(UnsupportedInputException.class,
                () -> InputSupport.requireSupported(textOnly, "openai:gpt-3.5-turbo", messages));
        assertEquals("Model openai:gpt-3.5-turbo can't take the pdf block of message 1 (human): its profile has"
                + " pdf_inputs=false. Remove the block, use a model that takes it, or override the profile"
                + " (profile.pdf-inputs=true) if the catalog is wrong.", refused.getMessage());
    }

    @Test
    void whatTheProfileAllowsOrDoesNotKnowGoesThrough() {
        List<Message> messages = List.of(human(PDF, IMAGE_URL));

        assertDoesNotThrow(() -> InputSupport.requireSupported(ModelProfiles.find("openai", "gpt-4o"), "m", messages));
        assertDoesNotThrow(() -> InputSupport.requireSupported(ModelProfile.EMPTY, "m", messages));
        // a file that is not a PDF is not judged
        assertDoesNotThrow(() -> InputSupport.requireSupported(ModelProfile.of(Map.of("pdf_inputs", false)), "m",
                List.of(human(new DataBlock(DataBlock.Kind.FILE, null, "eA==", "text/csv", null, null, "a.csv")))));
    }

    @Test
    void imageUrlsAndToolResultsHaveTheirOwnFlags() {
        ModelProfile inlineOnly = ModelProfile.of(Map.of("image_inputs", true, "image_url_inputs", false));
        assertDoesNotThrow(() -> InputSupport.requireSupported(inlineOnly, "m",
                List.of(human(DataBlock.base64(DataBlock.Kind.IMAGE, "iVBORw==", "image/png")))));
        assertEquals("image_url_inputs", refusedField(inlineOnly, human(IMAGE_URL)));

        ModelProfile noPdfInTools = ModelProfile.of(Map.of("pdf_inputs", true, "pdf_tool_message", false));
        assertDoesNotThrow(() -> InputSupport.requireSupported(noPdfInTools, "m", List.of(human(PDF))));
        ToolMessage toolResult = new ToolMessage(List.of(PDF), "call_1", ToolMessage.Status.SUCCESS, "fetch", null);
        assertEquals("pdf_tool_message", refusedField(noPdfInTools, toolResult));
    }

    private static String refusedField(ModelProfile profile, Message message) {
        String text = assertThrows(UnsupportedInputException.class,
                () -> InputSupport.requireSupported(profile, "m", List.of(message))).getMessage();
        return text.substring(text.indexOf("profile has ") + 12, text.indexOf("=false"));
    }
}
