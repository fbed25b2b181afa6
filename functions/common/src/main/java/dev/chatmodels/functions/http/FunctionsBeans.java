package dev.chatmodels.functions.http;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.chatmodels.functions.chat.ChatCompletions;
import dev.chatmodels.functions.chat.ModelCatalog;
import dev.chatmodels.functions.config.FunctionsConfig;
import dev.chatmodels.functions.openai.CompletionRequestReader;

/** The framework-neutral pieces of the chat API, as beans. */
public class FunctionsBeans {

    @Produces
    @Singleton
    ChatCompletions chatCompletions(ModelCatalog models) {
        return new ChatCompletions(models, Clock.systemUTC());
    }

    @Produces
    @Singleton
    CompletionRequestReader requestReader(FunctionsConfig config) {
        return new CompletionRequestReader(config.maxMessages());
    }
}
