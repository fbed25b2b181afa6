package dev.chatmodels.profile;

import java.util.List;
import java.util.Locale;

import dev.chatmodels.error.UnsupportedInputException;
import dev.chatmodels.message.Message;
import dev.chatmodels.message.ToolMessage;
import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.DataBlock;

/**
 * Refuses, before a request is sent, content a model's profile says the model can't take. Only a profile that says
 * "no" refuses: unknown support lets the content through, and the provider decides.
 */
public final class InputSupport {

    private static final List<ProfileField> INPUT_FLAGS = List.of(ProfileField.IMAGE_INPUTS,
            ProfileField.IMAGE_URL_INPUTS, ProfileField.PDF_INPUTS, ProfileField.AUDIO_INPUTS, ProfileField.VIDEO_INPUTS,
            ProfileField.IMAGE_TOOL_MESSAGE, ProfileField.PDF_TOOL_MESSAGE);

    private InputSupport() {
    }

    /** Whether the profile refuses any input kind: when not, there is nothing to check. */
    public static boolean refusesAny(ModelProfile profile) {
        for (ProfileField flag : INPUT_FLAGS) {
            if (profile.refuses(flag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks every data block of {@code messages} against {@code profile}.
     *
     * @param model how the model is named in the error, e.g. {@code openai:gpt-3.5-turbo}
     * @throws UnsupportedInputException naming the model, the message and the block the profile refuses
     */
    public static void requireSupported(ModelProfile profile, String model, List<? extends Message> messages) {
        if (!refusesAny(profile)) {
            return;
        }
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            boolean toolResult = message instanceof ToolMessage;
            for (ContentBlock block : message.content()) {
                if (block instanceof DataBlock data) {
                    ProfileField refused = refusedBy(profile, data, toolResult);
                    if (refused != null) {
                        throw new UnsupportedInputException("Model " + model + " can't take the " + describe(data)
                                + " block of message " + i + " (" + message.role().name().toLowerCase(Locale.ROOT)
                                + "): its profile has " + refused.key() + "=false. Remove the block, use a model that"
                                + " takes it, or override the profile (profile." + refused.key().replace('_', '-')
                                + "=true) if the catalog is wrong.");
                    }
                }
            }
        }
    }

    private static ProfileField refusedBy(ModelProfile profile, DataBlock block, boolean toolResult) {
        return switch (block.kind()) {
            case IMAGE -> first(profile, ProfileField.IMAGE_INPUTS,
                    isRemote(block) ? ProfileField.IMAGE_URL_INPUTS : null,
                    toolResult ? ProfileField.IMAGE_TOOL_MESSAGE : null);
            case AUDIO -> first(profile, ProfileField.AUDIO_INPUTS, null, null);
            case VIDEO -> first(profile, ProfileField.VIDEO_INPUTS, null, null);
            case FILE -> isPdf(block) ? first(profile, ProfileField.PDF_INPUTS, null,
                    toolResult ? ProfileField.PDF_TOOL_MESSAGE : null) : null;
        };
    }

    private static ProfileField first(ModelProfile profile, ProfileField kind, ProfileField form, ProfileField place) {
        for (ProfileField flag : new ProfileField[] { kind, form, place }) {
            if (flag != null && profile.refuses(flag)) {
                return flag;
            }
        }
        return null;
    }

    private static boolean isRemote(DataBlock block) {
        return block.url() != null && !block.url().startsWith("data:");
    }

    private static boolean isPdf(DataBlock block) {
        return "application/pdf".equalsIgnoreCase(block.mimeType())
                || block.filename() != null && block.filename().toLowerCase(Locale.ROOT).endsWith(".pdf")
                || block.url() != null && block.url().startsWith("data:application/pdf");
    }

    private static String describe(DataBlock block) {
        return (block.kind() == DataBlock.Kind.FILE && isPdf(block) ? "pdf" : block.kind().type())
                + (block.url() != null && !block.url().startsWith("data:") ? " (by URL)" : "");
    }
}
