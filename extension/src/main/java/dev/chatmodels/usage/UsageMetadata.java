package dev.chatmodels.usage;

/**
 * Token usage of one model call, or the sum of several. Detail counters are {@code null} when the provider did not
 * report them.
 */
public record UsageMetadata(long inputTokens, long outputTokens, long totalTokens, InputTokenDetails inputTokenDetails,
        OutputTokenDetails outputTokenDetails) {

    public static final UsageMetadata EMPTY = new UsageMetadata(0, 0, 0, null, null);

    public static UsageMetadata of(long inputTokens, long outputTokens) {
        return new UsageMetadata(inputTokens, outputTokens, inputTokens + outputTokens, null, null);
    }

    /** Input token details: audio tokens, tokens written to and read from the provider's prompt cache. */
    public record InputTokenDetails(Long audio, Long cacheCreation, Long cacheRead) {

        InputTokenDetails add(InputTokenDetails other) {
            if (other == null) {
                return this;
            }
            return new InputTokenDetails(sum(audio, other.audio), sum(cacheCreation, other.cacheCreation),
                    sum(cacheRead, other.cacheRead));
        }
    }

    /** Output token details: audio tokens and reasoning tokens. */
    public record OutputTokenDetails(Long audio, Long reasoning) {

        OutputTokenDetails add(OutputTokenDetails other) {
            if (other == null) {
                return this;
            }
            return new OutputTokenDetails(sum(audio, other.audio), sum(reasoning, other.reasoning));
        }
    }

    /** Adds every counter, recursively; a {@code null} argument leaves this usage as it is. */
    public UsageMetadata add(UsageMetadata other) {
        if (other == null) {
            return this;
        }
        return new UsageMetadata(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                totalTokens + other.totalTokens,
                inputTokenDetails == null ? other.inputTokenDetails : inputTokenDetails.add(other.inputTokenDetails),
                outputTokenDetails == null ? other.outputTokenDetails : outputTokenDetails.add(other.outputTokenDetails));
    }

    /** Adds two usages where either may be missing. */
    public static UsageMetadata sum(UsageMetadata left, UsageMetadata right) {
        return left == null ? right : left.add(right);
    }

    private static Long sum(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }
}
