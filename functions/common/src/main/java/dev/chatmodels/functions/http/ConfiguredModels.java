package dev.chatmodels.functions.http;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatmodels.functions.chat.ModelCatalog;
import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.runtime.ChatModels;

/** The models of the run-time configuration, including those added at deploy time with -D or the environment. */
@ApplicationScoped
public class ConfiguredModels implements ModelCatalog {

    private final ChatModels models;

    ConfiguredModels(ChatModels models) {
        this.models = models;
    }

    @Override
    public Set<String> names() {
        return models.names();
    }

    @Override
    public ChatModel get(String name) {
        return models.get(name);
    }
}
