package dev.chatmodels.quarkus.deployment.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.chatmodels.message.Message;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.model.RunConfig;

/** Timed calls of a {@link ChatModel}: what an application does with an injected model. */
final class ModelCalls {

    private ModelCalls() {
    }

    static TimedCall invoke(ChatModel model, Prompt prompt) {
        List<Message> messages = prompt.messages();
        return () -> {
            long start = System.nanoTime();
            CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
            model.invokeAsync(messages, RunConfig.EMPTY).subscribe().with(
                    answer -> outcome.complete(CallOutcome.whole(answer.text(), start)),
                    outcome::completeExceptionally);
            return outcome;
        };
    }

    static TimedCall stream(ChatModel model, Prompt prompt) {
        List<Message> messages = prompt.messages();
        return () -> {
            long start = System.nanoTime();
            CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
            StreamedText text = new StreamedText(start);
            model.stream(messages, RunConfig.EMPTY).subscribe().with(chunk -> text.add(chunk.text()),
                    outcome::completeExceptionally, () -> outcome.complete(text.end()));
            return outcome;
        };
    }
}
