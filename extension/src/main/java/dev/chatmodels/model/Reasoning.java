package dev.chatmodels.model;

import java.util.Locale;

/**
 * How much a model should think before it answers, portable: an effort, a budget of thinking tokens, or both. Each
 * provider gets it in its own form: OpenAI {@code reasoning_effort}, Anthropic {@code thinking.budget_tokens}, Gemini
 * {@code thinkingConfig.thinkingBudget}, Bedrock Claude {@code additionalModelRequestFields.thinking}. A provider that
 * takes only one of the two gets the other translated (see {@link #budgetTokensOrFromEffort()} and
 * {@link #effortOrFromBudget()}).
 *
 * @param effort the effort, or {@code null}
 * @param budgetTokens the most tokens to think with, or {@code null}
 */
public record Reasoning(Effort effort, Integer budgetTokens) {

    /** How hard to think. */
    public enum Effort {
        MINIMAL(1024),
        LOW(2048),
        MEDIUM(8192),
        HIGH(24576);

        /** The thinking budget this effort stands for where a provider takes budgets. */
        private final int budgetTokens;

        Effort(int budgetTokens) {
            this.budgetTokens = budgetTokens;
        }

        /** The word providers use: {@code minimal}, {@code low}, {@code medium}, {@code high}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public int budgetTokens() {
            return budgetTokens;
        }
    }

    public Reasoning {
        if (effort == null && budgetTokens == null) {
            throw new IllegalArgumentException("Reasoning needs an effort or a budget of tokens");
        }
        if (budgetTokens != null && budgetTokens <= 0) {
            throw new IllegalArgumentException("A reasoning budget must be a positive number of tokens, got " + budgetTokens);
        }
    }

    /** The budget, else the one the effort stands for. */
    public int budgetTokensOrFromEffort() {
        return budgetTokens != null ? budgetTokens : effort.budgetTokens();
    }

    /** The effort, else the smallest whose budget covers the budget given. */
    public Effort effortOrFromBudget() {
        if (effort != null) {
            return effort;
        }
        for (Effort candidate : Effort.values()) {
            if (budgetTokens <= candidate.budgetTokens()) {
                return candidate;
            }
        }
        return Effort.HIGH;
    }
}
