package dev.chatmodels.schema;

import java.util.List;

/** One way a JSON value breaks its schema: where ({@code $.cast[1].name}) and what is wrong. */
public record SchemaViolation(String path, String message) {

    /** The violations on one line, separated by {@code "; "}, for a message the model or developer reads. */
    public static String summary(List<SchemaViolation> violations) {
        return String.join("; ", violations.stream().map(SchemaViolation::toString).toList());
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
