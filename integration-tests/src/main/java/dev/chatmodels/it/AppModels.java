package dev.chatmodels.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.runtime.ModelName;

/**
 * The app's injected models, looked up by the name the endpoints take: {@code default}, {@code claude} or
 * {@code gemini}.
 */
@ApplicationScoped
public class AppModels {

    @Inject
    ChatModel defaultModel;

    @Inject
    @ModelName("claude")
    ChatModel claude;

    @Inject
    @ModelName("gemini")
    ChatModel gemini;

    /** The model called {@code name} in the endpoint paths. */
    public ChatModel named(String name) {
        return switch (name) {
            case "default" -> defaultModel;
            case "claude" -> claude;
            case "gemini" -> gemini;
            default -> throw new NotFoundException("No model '" + name + "': use 'default', 'claude' or 'gemini'");
        };
    }
}
