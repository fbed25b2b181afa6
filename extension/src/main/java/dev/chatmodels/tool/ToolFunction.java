package dev.chatmodels.tool;

/**
 * What a tool does with its arguments. The result becomes the tool message: a {@code String} as text, content blocks
 * as they are, anything else as JSON; a {@code Uni} or {@code CompletionStage} result is awaited without blocking. An
 * exception becomes an error tool message the model can read.
 *
 * @param <A> the arguments: a {@code Map<String, Object>}, or the record or class they are bound to
 */
@FunctionalInterface
public interface ToolFunction<A> {

    Object apply(A arguments) throws Exception;
}
