package dev.chatmodels.quarkus.deployment.bench;

import java.util.concurrent.CompletionStage;

/** A call the benchmark starts and times; it completes on whatever thread delivered the answer. */
@FunctionalInterface
interface TimedCall {

    CompletionStage<CallOutcome> start();
}
