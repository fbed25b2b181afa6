package dev.chatmodels.schema;

/** One way a JSON value breaks its schema: where ({@code $.cast[1].name}) and what is wrong. */
public record SchemaViolation(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
