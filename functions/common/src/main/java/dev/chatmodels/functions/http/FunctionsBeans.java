package dev.chatmodels.functions.http;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.chatmodels.error.SecretRedactor;
import dev.chatmodels.functions.chat.ChatCompletions;
import dev.chatmodels.functions.chat.ModelCatalog;
import dev.chatmodels.functions.config.FunctionsConfig;
import dev.chatmodels.functions.openai.CompletionRequestReader;
import dev.chatmodels.quarkus.runtime.ChatModels;

/** The framework-neutral pieces of the chat API, as beans. */
public class FunctionsBeans {

    @Produces
    @Singleton
    ChatCompletions chatCompletions(ModelCatalog models, SecretRedactor secrets) {
        return new ChatCompletions(models, Clock.systemUTC(), secrets);
    }

    /** Redacts the secrets of every configured model and the keys clients use, from answers and logs. */
    @Produces
    @Singleton
    SecretRedactor secrets(ChatModels models, FunctionsConfig config) {
        return models.redactor(config.apiKeys().orElse(List.of()));
    }

    @Produces
    @Singleton
    CompletionRequestReader requestReader(FunctionsConfig config) {
        return new CompletionRequestReader(config.maxMessages());
    }
}
