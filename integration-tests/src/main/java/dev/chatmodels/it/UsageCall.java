package dev.chatmodels.it;

/** One call of a usage report: which model, what prompt, and whether to stream the answer. */
public record UsageCall(String model, String prompt, boolean stream) {
}
