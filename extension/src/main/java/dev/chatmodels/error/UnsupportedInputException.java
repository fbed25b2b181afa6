package dev.chatmodels.error;

/**
 * A request holds content its model can't take, as the model's profile says (e.g. a PDF for a text-only model): found
 * before anything is sent.
 */
public class UnsupportedInputException extends ChatModelException {

    public UnsupportedInputException(String message) {
        super(message);
    }
}
