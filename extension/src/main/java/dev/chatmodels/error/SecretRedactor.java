package dev.chatmodels.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Replaces secrets in text with {@value #REDACTED}, whatever they look like: the secrets it was built with (a model's
 * API key, its credential headers), any fragment of one at least {@value #MIN_FRAGMENT} characters long, and masked
 * echoes such as {@code gw9f****2e1d} or {@code gw9f8e7d...2e1d} whose visible parts are a secret's start and end.
 * Known key formats ({@code sk-...}, {@code gsk_...}) are redacted too, even when the secret is not known. Immutable and
 * thread-safe; build one per set of secrets and reuse it.
 * <p>
 * Why {@value #MIN_FRAGMENT}: an echoed fragment shorter than that reveals at most 7 characters of a key (about 40 of
 * its bits at best, of the 120 or more a real key has), while shorter fragments would start matching ordinary words
 * and numbers in messages. A secret shorter than {@value #MIN_FRAGMENT} is redacted only as a whole, and one shorter
 * than {@value #MIN_SECRET} not at all: such a value protects nothing (it is guessable) and redacting it would garble
 * every message.
 */
public final class SecretRedactor {

    /** What a secret is replaced with. */
    public static final String REDACTED = "[redacted]";
    /** The shortest fragment of a secret that is redacted. */
    public static final int MIN_FRAGMENT = 8;
    /** The shortest value treated as a secret. */
    public static final int MIN_SECRET = 4;
    /** The fewest characters a masked echo must show of a secret (start and end together) to be redacted. */
    static final int MIN_MASKED_VISIBLE = 4;
    /** The most characters a masked echo is expected to show on each side of its mask. */
    private static final int MAX_VISIBLE = 16;
    private static final List<String> SECRET_HEADER_PARTS = List.of("auth", "key", "token", "secret", "cookie",
            "password");

    /** Knows no secret: redacts only the known key formats. */
    public static final SecretRedactor NONE = new SecretRedactor(List.of());

    private final List<String> secrets;
    private final FragmentMatcher fragments;

    private SecretRedactor(List<String> secrets) {
        this.secrets = secrets;
        this.fragments = new FragmentMatcher(secrets, MIN_FRAGMENT);
    }

    /** A redactor of these secrets; blank ones and those shorter than {@value #MIN_SECRET} are ignored. */
    public static SecretRedactor of(Collection<String> secrets) {
        TreeSet<String> kept = new TreeSet<>();
        for (String secret : secrets) {
            String value = secret == null ? "" : secret.strip();
            if (value.length() >= MIN_SECRET) {
                kept.add(value);
            }
        }
        return kept.isEmpty() ? NONE : new SecretRedactor(List.copyOf(kept));
    }

    /**
     * The secrets of a model: those of its credentials (API key, AWS secret key...) and the values of its headers whose
     * names look secret (see {@link #isSecretHeader}), each also without an auth scheme such as {@code Bearer}.
     */
    public static List<String> modelSecrets(Collection<String> credentials, Map<String, String> headers) {
        List<String> secrets = new ArrayList<>(credentials);
        headers.forEach((name, value) -> {
            if (isSecretHeader(name) && value != null) {
                secrets.add(value);
                String[] schemeAndCredential = value.strip().split("\\s+", 2);
                if (schemeAndCredential.length == 2) {
                    secrets.add(schemeAndCredential[1]);
                }
            }
        });
        return secrets;
    }

    /** Whether a header's name says it carries a credential: it contains auth, key, token, secret, cookie, password. */
    public static boolean isSecretHeader(String name) {
        String lowerCase = name.toLowerCase(Locale.ROOT);
        return SECRET_HEADER_PARTS.stream().anyMatch(lowerCase::contains);
    }

    /** The text with every secret, fragment of one and masked echo of one replaced; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<int[]> ranges = new ArrayList<>();
        if (!fragments.isEmpty()) {
            ranges.addAll(fragments.scan(text).ranges());
            addMaskedEchoes(text, ranges);
        }
        return SecretRedaction.redact(ranges.isEmpty() ? text : replaced(text, ranges));
    }

    /**
     * The failure with every secret redacted from its message and from the messages of its causes: the same object
     * when there is nothing to redact, else a copy of the same type (a {@link ChatModelException}'s) with the same
     * stack trace.
     */
    public Throwable redact(Throwable failure) {
        return FailureRedaction.redact(failure, this);
    }

    /** Adds the ranges of masks ({@code ***}, {@code ...}) framed by the start and end of one secret. */
    private void addMaskedEchoes(String text, List<int[]> ranges) {
        int i = 0;
        while (i < text.length()) {
            int maskEnd = maskEnd(text, i);
            if (maskEnd == i) {
                i++;
                continue;
            }
            int from = i;
            int to = maskEnd;
            for (String secret : secrets) {
                int prefix = visibleStart(text, i, secret);
                int suffix = visibleEnd(text, maskEnd, secret);
                if (prefix + suffix >= MIN_MASKED_VISIBLE) {
                    from = Math.min(from, i - prefix);
                    to = Math.max(to, maskEnd + suffix);
                }
            }
            if (from < i || to > maskEnd) {
                ranges.add(new int[] { from, to });
            }
            i = maskEnd;
        }
    }

    /**
     * The end of the mask starting at {@code i}: a run of {@code *}, {@code •}, {@code …} and {@code .} of at least two
     * characters, three when only dots; {@code i} when there is none.
     */
    private static int maskEnd(String text, int i) {
        int end = i;
        boolean notOnlyDots = false;
        while (end < text.length() && "*•….".indexOf(text.charAt(end)) >= 0) {
            notOnlyDots |= text.charAt(end) != '.';
            end++;
        }
        int length = end - i;
        boolean mask = text.charAt(i) == '…' || length >= 3 || length == 2 && notOnlyDots;
        return mask ? end : i;
    }

    /** The length of the longest start of {@code secret} (but not all of it) that ends at {@code end} in the text. */
    private static int visibleStart(String text, int end, String secret) {
        for (int length = Math.min(Math.min(MAX_VISIBLE, secret.length() - 1), end); length > 0; length--) {
            if (text.regionMatches(end - length, secret, 0, length)) {
                return length;
            }
        }
        return 0;
    }

    /** The length of the longest end of {@code secret} (but not all of it) that starts at {@code start} in the text. */
    private static int visibleEnd(String text, int start, String secret) {
        int max = Math.min(Math.min(MAX_VISIBLE, secret.length() - 1), text.length() - start);
        for (int length = max; length > 0; length--) {
            if (text.regionMatches(start, secret, secret.length() - length, length)) {
                return length;
            }
        }
        return 0;
    }

    /** The text with each union of overlapping ranges replaced by one {@value #REDACTED}. */
    private static String replaced(String text, List<int[]> ranges) {
        ranges.sort(Comparator.comparingInt(range -> range[0]));
        StringBuilder result = new StringBuilder(text.length());
        int copied = 0;
        int index = 0;
        while (index < ranges.size()) {
            int start = ranges.get(index)[0];
            int end = ranges.get(index)[1];
            while (++index < ranges.size() && ranges.get(index)[0] <= end) {
                end = Math.max(end, ranges.get(index)[1]);
            }
            // never leave half of a surrogate pair behind
            if (start > 0 && Character.isLowSurrogate(text.charAt(start))
                    && Character.isHighSurrogate(text.charAt(start - 1))) {
                start--;
            }
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))
                    && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            start = Math.max(start, copied);
            result.append(text, copied, start).append(REDACTED);
            copied = end;
        }
        return result.append(text, copied, text.length()).toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretRedactor redactor && secrets.equals(redactor.secrets);
    }

    @Override
    public int hashCode() {
        return secrets.hashCode();
    }

    /** Never shows a secret. */
    @Override
    public String toString() {
        return "SecretRedactor[" + secrets.size() + " secrets]";
    }
}
