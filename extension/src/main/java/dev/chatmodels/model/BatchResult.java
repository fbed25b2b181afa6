package dev.chatmodels.model;

/**
 * The outcome of one input of a batch: its position in the input list and either the value or the error. A failing
 * input never hides the results of the others.
 */
public record BatchResult<T>(int index, T value, Throwable error) {

    public static <T> BatchResult<T> success(int index, T value) {
        return new BatchResult<>(index, value, null);
    }

    public static <T> BatchResult<T> failure(int index, Throwable error) {
        return new BatchResult<>(index, null, error);
    }

    public boolean isSuccess() {
        return error == null;
    }

    /** The value, or the error rethrown (unchecked errors as they are, checked ones wrapped). */
    public T getOrThrow() {
        if (error == null) {
            return value;
        }
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw new IllegalStateException(error);
    }
}
