package dev.chatmodels.model;

import java.util.function.Function;

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

    /**
     * This result with its value transformed by {@code function}; a failure stays as it is, and an unchecked
     * exception thrown by {@code function} becomes the failure of this input.
     */
    public <R> BatchResult<R> map(Function<? super T, ? extends R> function) {
        if (error != null) {
            return failure(index, error);
        }
        try {
            return success(index, function.apply(value));
        } catch (RuntimeException e) {
            return failure(index, e);
        }
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
