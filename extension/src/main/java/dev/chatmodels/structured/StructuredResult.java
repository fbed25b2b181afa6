package dev.chatmodels.structured;

import dev.chatmodels.message.AIMessage;

/**
 * A structured answer with the model's raw message: the parsed value, or the error that kept it from parsing (then
 * {@code parsed} is {@code null}). See {@link StructuredChatModel#includeRaw()}.
 */
public record StructuredResult<T>(AIMessage raw, T parsed, Throwable parsingError) {

    public boolean isParsed() {
        return parsingError == null;
    }
}
