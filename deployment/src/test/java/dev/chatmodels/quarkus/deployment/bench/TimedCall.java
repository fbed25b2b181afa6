package dev.chatmodels.quarkus.deployment.bench;

import java.util.concurrent.CompletionStage;

/** A call the benchmark starts and times; it completes on whatever thread delivered the answer. */
@FunctionalInterface
interface TimedCall {

    CompletionStage<CallOutcome> start();

    /**
     * This call, failing whenever it delivers another text than {@code text}: a client that lost part of an answer
     * would be measured doing less work than the others.
     */
    default TimedCall expecting(String text) {
        return () -> start().thenApply(outcome -> {
            if (!outcome.text().equals(text)) {
                throw new IllegalStateException("Expected the recorded text (" + text.length() + " characters), got "
                        + outcome.text().length() + " characters: " + outcome.text());
            }
            return outcome;
        });
    }
}
