package dev.chatmodels.structured;

import java.util.List;

import dev.chatmodels.error.ChatModelException;
import dev.chatmodels.schema.SchemaViolation;

/**
 * The model's answer could not be read as the requested structured output: no JSON object, invalid JSON, or a value
 * that breaks the schema (see {@link #violations()}). {@link #rawText()} is what the model sent.
 */
public class OutputParsingException extends ChatModelException {

    private final String rawText;
    private final List<SchemaViolation> violations;

    public OutputParsingException(String message, String rawText, Throwable cause) {
        this(message, rawText, List.of(), cause);
    }

    public OutputParsingException(String message, String rawText, List<SchemaViolation> violations, Throwable cause) {
        super(message, cause);
        this.rawText = rawText;
        this.violations = List.copyOf(violations);
    }

    /** The text the model answered with (for function calling: the tool call's arguments). */
    public String rawText() {
        return rawText;
    }

    /** Where and how the answer breaks the schema; empty when it was not even JSON. */
    public List<SchemaViolation> violations() {
        return violations;
    }
}
