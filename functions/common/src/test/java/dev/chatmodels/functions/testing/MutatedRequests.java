package dev.chatmodels.functions.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Request bodies mutated from one valid request, from a fixed seed so every run sends the same ones: flipped bytes,
 * truncations, values swapped for another JSON type, deep nesting, huge numbers and invalid UTF-8.
 */
public final class MutatedRequests {

    /** How many bodies a fuzz run sends. */
    public static final int COUNT = 300;

    private static final List<String> OTHER_VALUES = List.of("42", "-1", "0", "1.5", "1e308", "-1e308", "\"text\"", "\"\"",
            "null", "true", "false", "[]", "{}", "[1, \"a\", null]", "{\"role\": \"user\"}", "[{}]", "[[]]",
            "1" + "0".repeat(400), "-" + "9".repeat(400), "1e999999", "0." + "0".repeat(500) + "1");

    private final Random random;
    private final String seed;
    private final List<String> pointers = new ArrayList<>();

    public MutatedRequests(long randomSeed, String validRequest) {
        this.random = new Random(randomSeed);
        this.seed = validRequest;
        collectPointers(SseBody.json(validRequest), "");
    }

    /** The next mutated body. */
    public byte[] next() {
        byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(7)) {
            case 0 -> flipBytes(bytes);
            case 1 -> Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2, 3 -> swapValue(OTHER_VALUES.get(random.nextInt(OTHER_VALUES.size())));
            case 4 -> swapValue("[".repeat(5_000) + "]".repeat(5_000));
            case 5 -> swapValue("{\"a\": ".repeat(3_000) + "1" + "}".repeat(3_000));
            default -> invalidUtf8(bytes);
        };
    }

    private byte[] flipBytes(byte[] bytes) {
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private byte[] invalidUtf8(byte[] bytes) {
        byte[][] sequences = { { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xFF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                { (byte) 0xE2, (byte) 0x82 }, { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 } };
        byte[] sequence = sequences[random.nextInt(sequences.length)];
        int at = seed.indexOf("Hi");
        byte[] mutated = new byte[bytes.length + sequence.length];
        System.arraycopy(bytes, 0, mutated, 0, at);
        System.arraycopy(sequence, 0, mutated, at, sequence.length);
        System.arraycopy(bytes, at, mutated, at + sequence.length, bytes.length - at);
        return mutated;
    }

    /** The request with one value, anywhere in it, replaced by {@code json} (kept as raw text, numbers unparsed). */
    private byte[] swapValue(String json) {
        String marker = "\"@swap@\"";
        JsonNode request = SseBody.json(seed);
        String pointer = pointers.get(random.nextInt(pointers.size()));
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = pointer.substring(0, slash).isEmpty() ? request : request.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.put(key, "@swap@");
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(key), TextNode.valueOf("@swap@"));
        }
        return request.toString().replace(marker, json).getBytes(StandardCharsets.UTF_8);
    }

    private void collectPointers(JsonNode node, String pointer) {
        if (!(node instanceof ContainerNode<?>)) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                pointers.add(pointer + "/" + field.getKey());
                collectPointers(field.getValue(), pointer + "/" + field.getKey());
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                pointers.add(pointer + "/" + i);
                collectPointers(node.get(i), pointer + "/" + i);
            }
        }
    }
}
