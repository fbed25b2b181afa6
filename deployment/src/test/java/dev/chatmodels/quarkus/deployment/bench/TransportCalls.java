package dev.chatmodels.quarkus.deployment.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.chatmodels.transport.ChatTransport;
import dev.chatmodels.transport.HttpCall;
import dev.chatmodels.transport.StreamFraming;

/**
 * Timed calls of a {@link ChatTransport} alone, with the raw client's JSON work ({@link ChatCompletionsJson}) instead
 * of the model's codec: where the model's cost splits between the transport and what the model adds on top of it.
 */
final class TransportCalls {

    private TransportCalls() {
    }

    static TimedCall invoke(ChatTransport transport, String apiKey, Prompt prompt) {
        Map<String, String> headers = headers(apiKey);
        return () -> {
            long start = System.nanoTime();
            HttpCall call = new HttpCall(ChatCompletionsJson.PATH, headers, ChatCompletionsJson.requestBody(prompt, false));
            return transport.post(call)
                    .map(result -> CallOutcome.whole(ChatCompletionsJson.answerText(result.body()), start))
                    .subscribeAsCompletionStage();
        };
    }

    static TimedCall stream(ChatTransport transport, String apiKey, Prompt prompt) {
        Map<String, String> headers = headers(apiKey);
        return () -> {
            long start = System.nanoTime();
            HttpCall call = new HttpCall(ChatCompletionsJson.PATH, headers, ChatCompletionsJson.requestBody(prompt, true));
            CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
            StreamedText text = new StreamedText(start);
            transport.stream(call, StreamFraming.SSE).subscribe().with(event -> {
                if (!event.data().equals(ChatCompletionsJson.DONE)) {
                    text.add(ChatCompletionsJson.deltaText(event.data()));
                }
            }, outcome::completeExceptionally, () -> outcome.complete(text.end()));
            return outcome;
        };
    }

    private static Map<String, String> headers(String apiKey) {
        return Map.of("Authorization", "Bearer " + apiKey);
    }
}
