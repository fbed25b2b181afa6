package dev.chatmodels.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.chatmodels.message.content.ContentBlock;
import dev.chatmodels.message.content.NonStandardBlock;
import dev.chatmodels.message.content.ReasoningBlock;
import dev.chatmodels.message.content.ServerToolCallChunk;
import dev.chatmodels.message.content.TextBlock;
import dev.chatmodels.message.content.ToolCallChunk;

/** The summation rules of streamed chunks: blocks merged by index, metadata maps merged key by key. */
final class ChunkMerger {

    /** String values kept when equal instead of concatenated. */
    private static final Set<String> IDENTITY_KEYS = Set.of("id", "model_name", "model_provider", "system_fingerprint",
            "service_tier", "object", "type", "role", "stop_reason", "finish_reason",
            "provider_finish_reason");
    /** Integer values that take the last value instead of adding up. */
    private static final Set<String> LAST_VALUE_KEYS = Set.of("index", "created", "timestamp", "created_at");

    private ChunkMerger() {
    }

    /**
     * Merges {@code right} into {@code left}: an element with an index merges with the earlier element of the same
     * type and index whose id does not conflict; anything else is appended.
     */
    @SuppressWarnings("unchecked")
    static <T extends ContentBlock> List<T> mergeBlocks(List<T> left, List<T> right) {
        if (right.isEmpty()) {
            return left;
        }
        List<T> merged = new ArrayList<>(left);
        for (T block : right) {
            int target = block.index() == null ? -1 : findMergeTarget(merged, block);
            if (target < 0) {
                merged.add(block);
            } else {
                merged.set(target, (T) merge(merged.get(target), block));
            }
        }
        return merged;
    }

    private static int findMergeTarget(List<? extends ContentBlock> blocks, ContentBlock block) {
        for (int i = 0; i < blocks.size(); i++) {
            ContentBlock candidate = blocks.get(i);
            if (block.index().equals(candidate.index()) && candidate.getClass() == block.getClass()
                    && idsAgree(idOf(candidate), idOf(block))) {
                return i;
            }
        }
        return -1;
    }

    private static ContentBlock merge(ContentBlock left, ContentBlock right) {
        if (left instanceof TextBlock l && right instanceof TextBlock r) {
            List<Map<String, Object>> annotations = new ArrayList<>(l.annotations());
            annotations.addAll(r.annotations());
            return new TextBlock(l.text() + r.text(), annotations, l.index(), firstNonNull(l.id(), r.id()));
        }
        if (left instanceof ReasoningBlock l && right instanceof ReasoningBlock r) {
            return new ReasoningBlock(l.reasoning() + r.reasoning(), mergeMaps(l.extras(), r.extras()), l.index(),
                    firstNonNull(l.id(), r.id()));
        }
        if (left instanceof ToolCallChunk l && right instanceof ToolCallChunk r) {
            return new ToolCallChunk(firstNonNull(l.id(), r.id()), concat(l.name(), r.name()), concat(l.args(), r.args()),
                    l.index());
        }
        if (left instanceof ServerToolCallChunk l && right instanceof ServerToolCallChunk r) {
            return new ServerToolCallChunk(firstNonNull(l.id(), r.id()), concat(l.name(), r.name()),
                    concat(l.args(), r.args()), l.index());
        }
        if (left instanceof NonStandardBlock l && right instanceof NonStandardBlock r) {
            return new NonStandardBlock(mergeMaps(l.value(), r.value()), l.index());
        }
        return right;
    }

    /**
     * Merges metadata maps: a missing or null left value takes the right one, a null right value is ignored, strings
     * concatenate (identity keys such as {@code id} are kept when equal), {@code index}-like integers take the last
     * value, other integers add up, maps merge recursively and lists merge by index.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergeMaps(Map<String, Object> left, Map<String, Object> right) {
        if (right.isEmpty()) {
            return left;
        }
        if (left.isEmpty()) {
            return right;
        }
        Map<String, Object> merged = new LinkedHashMap<>(left);
        for (Map.Entry<String, Object> entry : right.entrySet()) {
            String key = entry.getKey();
            Object r = entry.getValue();
            Object l = merged.get(key);
            if (r == null) {
                continue;
            }
            if (l == null) {
                merged.put(key, r);
            } else if (l instanceof String ls && r instanceof String rs) {
                merged.put(key, IDENTITY_KEYS.contains(key) && (ls.equals(rs) || rs.isEmpty()) ? ls : ls + rs);
            } else if (l instanceof Number ln && r instanceof Number rn && isIntegral(ln) && isIntegral(rn)) {
                merged.put(key, LAST_VALUE_KEYS.contains(key) ? rn : (Object) (ln.longValue() + rn.longValue()));
            } else if (l instanceof Map && r instanceof Map) {
                merged.put(key, mergeMaps((Map<String, Object>) l, (Map<String, Object>) r));
            } else if (l instanceof List && r instanceof List) {
                merged.put(key, mergeMapLists((List<Object>) l, (List<Object>) r));
            } else {
                merged.put(key, r);
            }
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeMapLists(List<Object> left, List<Object> right) {
        List<Object> merged = new ArrayList<>(left);
        for (Object element : right) {
            int target = -1;
            if (element instanceof Map<?, ?> map && map.get("index") != null) {
                for (int i = 0; i < merged.size() && target < 0; i++) {
                    if (merged.get(i) instanceof Map<?, ?> candidate
                            && Objects.equals(candidate.get("index"), map.get("index"))
                            && idsAgree(idOf(candidate), idOf(map))) {
                        target = i;
                    }
                }
            }
            if (target < 0) {
                merged.add(element);
            } else {
                merged.set(target, mergeMaps((Map<String, Object>) merged.get(target), (Map<String, Object>) element));
            }
        }
        return merged;
    }

    private static String idOf(Map<?, ?> map) {
        Object id = map.get("id");
        return id == null ? null : id.toString();
    }

    private static String idOf(ContentBlock block) {
        if (block instanceof TextBlock b) {
            return b.id();
        }
        if (block instanceof ReasoningBlock b) {
            return b.id();
        }
        if (block instanceof ToolCallChunk b) {
            return b.id();
        }
        if (block instanceof ServerToolCallChunk b) {
            return b.id();
        }
        return null;
    }

    private static boolean idsAgree(String left, String right) {
        return left == null || right == null || left.isEmpty() || right.isEmpty() || left.equals(right);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static String concat(String left, String right) {
        if (left == null) {
            return right;
        }
        return right == null ? left : left + right;
    }

    private static <T> T firstNonNull(T left, T right) {
        return left != null ? left : right;
    }
}
