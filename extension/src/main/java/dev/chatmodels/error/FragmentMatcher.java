package dev.chatmodels.error;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, in one pass over a text, every stretch made of secret fragments: an Aho-Corasick automaton over every
 * {@code minFragment}-long window of each secret, and over each shorter secret as a whole. At every position of the
 * text it knows the longest pattern ending there, so overlapping windows of one echoed key add up to the whole key.
 * Each character costs at most two state changes, amortized: linear in the text whatever the secrets.
 */
final class FragmentMatcher {

    /** The state transitions, one map per state; state 0 is the root. */
    private final List<Map<Character, Integer>> next = new ArrayList<>();
    /** The state to fall back to when no transition fits: the longest proper suffix that is also a state. */
    private final int[] fail;
    /** The length of the longest pattern that ends in each state, 0 for none. */
    private final int[] matchLength;

    FragmentMatcher(Collection<String> secrets, int minFragment) {
        List<Integer> terminal = new ArrayList<>();
        next.add(new HashMap<>());
        terminal.add(0);
        for (String secret : secrets) {
            if (secret.length() <= minFragment) {
                add(secret, terminal);
            } else {
                for (int start = 0; start + minFragment <= secret.length(); start++) {
                    add(secret.substring(start, start + minFragment), terminal);
                }
            }
        }
        fail = new int[next.size()];
        matchLength = new int[next.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : next.get(0).values()) {
            queue.add(child);
            matchLength[child] = terminal.get(child);
        }
        // breadth first, so that every fallback state is complete before the states that fall back on it
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (Map.Entry<Character, Integer> edge : next.get(state).entrySet()) {
                int child = edge.getValue();
                int fallback = fail[state];
                while (fallback != 0 && !next.get(fallback).containsKey(edge.getKey())) {
                    fallback = fail[fallback];
                }
                Integer target = next.get(fallback).get(edge.getKey());
                fail[child] = target == null ? 0 : target;
                matchLength[child] = terminal.get(child) > 0 ? terminal.get(child) : matchLength[fail[child]];
                queue.add(child);
            }
        }
    }

    private void add(String pattern, List<Integer> terminal) {
        int state = 0;
        for (int i = 0; i < pattern.length(); i++) {
            Integer child = next.get(state).get(pattern.charAt(i));
            if (child == null) {
                child = next.size();
                next.add(new HashMap<>());
                terminal.add(0);
                next.get(state).put(pattern.charAt(i), child);
            }
            state = child;
        }
        terminal.set(state, pattern.length());
    }

    /** Whether no secret was given: then nothing ever matches. */
    boolean isEmpty() {
        return next.get(0).isEmpty();
    }

    /**
     * The stretches of {@code text} made of secret fragments, as {@code [start, end)} pairs (they may overlap); {@code
     * steps} counts the state changes, for tests to check the cost.
     */
    Scan scan(String text) {
        List<int[]> ranges = new ArrayList<>();
        long steps = 0;
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Integer target = next.get(state).get(c);
            while (target == null && state != 0) {
                state = fail[state];
                steps++;
                target = next.get(state).get(c);
            }
            state = target == null ? 0 : target;
            steps++;
            int length = matchLength[state];
            if (length > 0) {
                int start = i + 1 - length;
                int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                if (last != null && start <= last[1]) {
                    last[0] = Math.min(last[0], start);
                    last[1] = i + 1;
                } else {
                    ranges.add(new int[] { start, i + 1 });
                }
            }
        }
        return new Scan(ranges, steps);
    }

    /** What a scan found, and what it cost. */
    record Scan(List<int[]> ranges, long steps) {
    }
}
