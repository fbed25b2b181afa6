package dev.chatmodels.tool;

/** The arguments of a tool call do not fit the tool; the model is told so in an error tool message. */
public class ToolArgumentsException extends IllegalArgumentException {

    public ToolArgumentsException(String message) {
        super(message);
    }

    public ToolArgumentsException(String message, Throwable cause) {
        super(message, cause);
    }
}
