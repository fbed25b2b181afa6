package dev.chatmodels.functions.testing;

/** Valid chat requests of an exact size in bytes: one user message of {@code x}s. Built once, they are big. */
public final class RequestBodies {

    private static final String BEFORE = "{\"model\": \"default\", \"messages\": [{\"role\": \"user\", \"content\": \"";
    private static final String AFTER = "\"}]}";

    public static final String ONE_MB = ofSize(1024 * 1024);
    public static final String AT_THE_LIMIT = ofSize(StandInModels.MAX_BODY_BYTES);
    public static final String OVER_THE_LIMIT = ofSize(StandInModels.MAX_BODY_BYTES + 1);
    /** Over Quarkus' own limit ({@code quarkus.http.limits.max-body-size}, 10M), which answers an empty 413. */
    public static final String OVER_QUARKUS_LIMIT = ofSize(11 * 1024 * 1024);

    private RequestBodies() {
    }

    /** A request of exactly {@code bytes} bytes. */
    public static String ofSize(int bytes) {
        return BEFORE + "x".repeat(bytes - BEFORE.length() - AFTER.length()) + AFTER;
    }

    /** The message content of a request made here. */
    public static String content(String body) {
        return body.substring(BEFORE.length(), body.length() - AFTER.length());
    }
}
