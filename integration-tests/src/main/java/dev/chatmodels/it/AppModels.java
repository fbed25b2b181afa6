package dev.chatmodels.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import dev.chatmodels.model.ChatModel;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.quarkus.runtime.ModelName;

/**
 * The app's models, looked up by the name the endpoints take: the injected {@code default}, {@code claude},
 * {@code nova} (Bedrock) and {@code gemini}, and any other configured model through {@link ChatModels}.
 */
@ApplicationScoped
public class AppModels {

    @Inject
    ChatModel defaultModel;

    @Inject
    @ModelName("claude")
    ChatModel claude;

    @Inject
    @ModelName("nova")
    ChatModel nova;

    @Inject
    @ModelName("gemini")
    ChatModel gemini;

    @Inject
    ChatModels chatModels;

    /** The model called {@code name} in the endpoint paths. */
    public ChatModel named(String name) {
        return switch (name) {
            case "default" -> defaultModel;
            case "claude" -> claude;
            case "nova" -> nova;
            case "gemini" -> gemini;
            default -> {
                if (!chatModels.names().contains(name)) {
                    throw new NotFoundException("No model '" + name + "': use one of " + chatModels.names());
                }
                yield chatModels.get(name);
            }
        };
    }
}
