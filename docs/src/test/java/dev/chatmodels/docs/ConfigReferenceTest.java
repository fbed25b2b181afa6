package dev.chatmodels.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * README's table of configuration keys against the reference Quarkus' config-doc tooling generated from the
 * {@code @ConfigMapping} Javadoc in this build: the same keys, the same defaults. A key added, renamed or given another
 * default without README following fails here.
 */
class ConfigReferenceTest {

    private static final String PREFIX = "quarkus.chat-models.";
    private static final Path REFERENCE = Path.of("modules/ROOT/pages/includes/quarkus-chat-models.adoc");
    private static final Path README = Path.of("../README.md");

    /** One generated entry: the property of the default model, its type cell, then its default cell. */
    private static final Pattern PROPERTY = Pattern.compile(
            "\\[\\.property-path\\]##link:#[^\\[]+\\[`\\+\\+\\+quarkus\\.chat-models\\.([^+]+)\\+\\+\\+`\\]##.*?\\n\\|[^\\n]*\\n\\|([^\\n]*)",
            Pattern.DOTALL);
    private static final Pattern DEFAULT = Pattern.compile("`\\+\\+\\+(.*)\\+\\+\\+`");
    /** A row of README's key table: key, type, default, description. */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|[^|]+\\|([^|]*)\\|", Pattern.MULTILINE);

    @Test
    void readmeHasEveryKeyOfTheGeneratedReferenceWithItsDefault() throws IOException {
        Map<String, String> generated = generated();
        Map<String, String> readme = readme();
        assertFalse(generated.isEmpty(), "nothing read from " + REFERENCE.toAbsolutePath());

        assertEquals(generated.keySet(), readme.keySet(),
                "README's configuration keys differ from the generated reference " + REFERENCE);
        generated.forEach((key, value) -> {
            String documented = readme.get(key);
            if (documented.matches("`[^`]*`")) {
                assertTrue(documented.equalsIgnoreCase("`" + value + "`"),
                        () -> key + ": README says " + documented + ", the configuration's default is '" + value + "'");
            } else {
                // a described default ("the provider's variable") is one the code works out: the key itself has none
                assertEquals("", value, () -> key + ": README describes the default as '" + documented
                        + "' but the configuration's default is '" + value + "': write it as `" + value + "`");
            }
        });
    }

    /** Keys of the default model, map keys written {@code <name>}; the shared limiters' keys as the model's own. */
    private static Map<String, String> generated() throws IOException {
        Map<String, String> keys = new TreeMap<>();
        Matcher property = PROPERTY.matcher(Files.readString(REFERENCE));
        while (property.find()) {
            String key = property.group(1).replaceAll("\"([^\"]+)\"", "<$1>");
            if (key.startsWith("rate-limiters.<limiter-name>.")) {
                // documented as "same keys as rate-limit"
                key = "rate-limit." + key.substring("rate-limiters.<limiter-name>.".length());
            }
            Matcher value = DEFAULT.matcher(property.group(2));
            keys.put(key, value.find() ? value.group(1) : "");
        }
        return keys;
    }

    private static Map<String, String> readme() throws IOException {
        String text = Files.readString(README);
        int table = text.indexOf("### Configuration keys");
        assertTrue(table >= 0, "README has no '### Configuration keys' section");
        String section = text.substring(table, text.indexOf("\n## ", table));
        Map<String, String> keys = new TreeMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            keys.put(row.group(1), row.group(2).trim());
        }
        return keys;
    }
}
