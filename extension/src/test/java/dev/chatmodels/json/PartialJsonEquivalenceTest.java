package dev.chatmodels.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The linear {@link PartialJson#parse} gives what the quadratic one it replaced gave ({@link LegacyPartialJson}), and
 * reads its input a bounded number of times.
 */
class PartialJsonEquivalenceTest {

    private static final String ALPHABET = "{}[]\":,\\ \n\t\r-+.0123456789eEtrufalsnxu/bAF\u0001\u007f\u00e9\ufeff'";
    private static final int MAX_DEPTH = Jackson.MAPPER.getFactory().streamReadConstraints().getMaxNestingDepth();
    private static final int MAX_NUMBER = Jackson.MAPPER.getFactory().streamReadConstraints().getMaxNumberLength();
    private static final int MAX_NAME = Jackson.MAPPER.getFactory().streamReadConstraints().getMaxNameLength();

    private final Random random = new Random(20261207);

    @Test
    void everyPrefixOfValidJsonParsesAsBefore() {
        for (int n = 0; n < 300; n++) {
            String json = document(0);
            for (int length = 0; length <= json.length(); length++) {
                assertSameResult(json.substring(0, length));
            }
        }
    }

    @Test
    void brokenJsonParsesAsBefore() {
        for (int n = 0; n < 4000; n++) {
            String json = document(0);
            StringBuilder broken = new StringBuilder(json.substring(0, random.nextInt(json.length() + 1)));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(broken.length() + 1);
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                if (at < broken.length() && random.nextBoolean()) {
                    broken.setCharAt(at, c);
                } else {
                    broken.insert(at, c);
                }
            }
            assertSameResult(broken.toString());
        }
    }

    @Test
    void randomTextParsesAsBefore() {
        for (int n = 0; n < 2000; n++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(16); length > 0; length--) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertSameResult(text.toString());
        }
    }

    @Test
    void jacksonLimitsCutAsBefore() {
        for (int depth = MAX_DEPTH - 1; depth <= MAX_DEPTH + 1; depth++) {
            assertSameResult("[".repeat(depth) + "1" + "]".repeat(depth));
            assertSameResult("[".repeat(depth) + "1");
            assertSameResult("{\"a\":".repeat(depth) + "1");
        }
        for (int digits = MAX_NUMBER - 1; digits <= MAX_NUMBER + 1; digits++) {
            String many = "7".repeat(digits);
            for (String number : List.of("-" + many, many + ".5", "1.5E-" + many)) {
                assertSameResult("[" + number + "]");
                assertSameResult(number);
            }
        }
    }

    @Test
    void keysLongerThanJacksonAllowsAreCutAsBefore() {
        // too long to compare with the quadratic parser in good time: the expectation is what it would find
        String longest = "k".repeat(MAX_NAME);
        assertEquals(json("[{\"" + longest + "\": 1}]"), PartialJson.parse("[{\"" + longest + "\": 1}]"));
        String tooLong = longest + "\\u006b";
        assertThrows(JsonProcessingException.class, () -> Jackson.MAPPER.readTree("{\"" + tooLong + "\": 2}"));
        assertEquals(json("[{\"a\": 1}, {}]"), PartialJson.parse("[{\"a\": 1}, {\"" + tooLong + "\": 2}]"));
    }

    @Test
    void examinesEachCharacterABoundedNumberOfTimes() {
        int size = 160_000;
        String filler = "x".repeat(size);
        List<String> invalid = new ArrayList<>(List.of(
                "{\"a\": " + filler,
                "{\"a\": \"" + filler + "\\q\"}",
                "{\"a\": \"" + filler + "\", \"b\": tr",
                "{\"a\": [" + "1, ".repeat(size / 3) + "}",
                "[".repeat(MAX_DEPTH) + "{\"a\": " + "1".repeat(size) + "]".repeat(MAX_DEPTH),
                "{\"a\": 1} " + filler));
        for (String text : invalid) {
            AtomicLong examined = new AtomicLong();
            PartialJson.parse(text, examined::addAndGet);
            assertTrue(examined.get() <= 6L * text.length(),
                    examined.get() + " characters examined for " + text.length());
        }
    }

    @Test
    void theLongestCompletablePrefixWins() {
        assertEquals(json("{\"a\": \"xx\"}"), PartialJson.parse("{\"a\": \"xx\\q\"}"));
        assertEquals(json("{\"a\": [1, 2.5]}"), PartialJson.parse("{\"a\": [1, 2.5e"));
        assertEquals(json("{\"a\": [1, 2]}"), PartialJson.parse("{\"a\": [1, 2.x"));
        assertEquals(json("{\"a\": 1}"), PartialJson.parse("{\"a\": 1} x"));
        assertEquals(json("{}"), PartialJson.parse("{\"a"));
        assertEquals(json("\"a\""), PartialJson.parse("\"a\\u00"));
        assertNull(PartialJson.parse(" -"));
    }

    private void assertSameResult(String text) {
        assertEquals(LegacyPartialJson.parse(text), PartialJson.parse(text), () -> "for " + text);
    }

    /** A random JSON document with random whitespace, small enough to compare with the quadratic parser. */
    private String document(int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        String value = switch (kind) {
            case 0 -> random.nextInt(3) == 0 ? "-" + random.nextInt(100) : Integer.toString(random.nextInt(1000));
            case 1 -> random.nextInt(10) + "." + random.nextInt(100) + (random.nextBoolean() ? "" : "e-" + random.nextInt(9));
            case 2 -> List.of("true", "false", "null").get(random.nextInt(3));
            case 3, 4 -> string();
            case 5 -> {
                List<String> items = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    items.add(document(depth + 1));
                }
                yield "[" + space() + String.join("," + space(), items) + space() + "]";
            }
            default -> {
                List<String> members = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    members.add(string() + space() + ":" + space() + document(depth + 1));
                }
                yield "{" + space() + String.join("," + space(), members) + space() + "}";
            }
        };
        return depth == 0 ? space() + value + space() : value;
    }

    private String string() {
        String[] parts = { "a", "b", "é", " ", "\\\"", "\\\\", "\\n", "\\u00e9", "\\/", "x" };
        StringBuilder text = new StringBuilder("\"");
        for (int n = random.nextInt(5); n > 0; n--) {
            text.append(parts[random.nextInt(parts.length)]);
        }
        return text.append('"').toString();
    }

    private String space() {
        return random.nextInt(3) == 0 ? List.of(" ", "\n", "\t ", "\r\n").get(random.nextInt(4)) : "";
    }

    private static JsonNode json(String text) {
        try {
            return Jackson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
