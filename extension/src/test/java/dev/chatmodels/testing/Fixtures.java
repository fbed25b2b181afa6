package dev.chatmodels.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.chatmodels.json.Jackson;

/**
 * Reads the recorded provider fixtures from the test classpath ({@code fixtures/<provider>/<file>}), as copied from
 * the shared recordings (provenance in {@code fixtures/README.md}).
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The text of {@code fixtures/<provider>/<file>}, e.g. {@code read("openai-chat", "text_nonstream.response.json")}. */
    public static String read(String provider, String file) {
        return new String(bytes(provider, file), StandardCharsets.UTF_8);
    }

    /** The bytes of {@code fixtures/<provider>/<file>}, exactly as recorded. */
    public static byte[] bytes(String provider, String file) {
        String path = "fixtures/" + provider + "/" + file;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path + " on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + path, e);
        }
    }

    /** The recorded HTTP status of {@code fixtures/<provider>/<scenario>.meta.json}. */
    public static int status(String provider, String scenario) {
        return json(provider, scenario + ".meta.json").path("status").asInt();
    }

    /** The recorded response headers (names in lower case) of {@code fixtures/<provider>/<scenario>.meta.json}. */
    public static Map<String, List<String>> headers(String provider, String scenario) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        json(provider, scenario + ".meta.json").path("headers").fields()
                .forEachRemaining(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT),
                        List.of(header.getValue().asText())));
        return headers;
    }

    /** The JSON tree of {@code fixtures/<provider>/<file>}. */
    public static JsonNode json(String provider, String file) {
        try {
            return Jackson.MAPPER.readTree(read(provider, file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Fixture fixtures/" + provider + "/" + file + " is not JSON", e);
        }
    }
}
