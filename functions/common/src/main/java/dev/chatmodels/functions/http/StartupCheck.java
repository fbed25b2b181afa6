package dev.chatmodels.functions.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.chatmodels.functions.chat.ModelCatalog;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/** Refuses to start without a model to serve, and warns when the API is open to anyone. */
@Singleton
public class StartupCheck {

    /** What to set, shown when no model is configured. */
    static final String NO_MODEL = """
            No chat model is configured, so this function has nothing to serve. Configure at least one, e.g.:
              -Dquarkus.chat-models.model=openai:gpt-4.1 with the environment variable OPENAI_API_KEY set, or
              QUARKUS_CHAT_MODELS_MODEL=anthropic:claude-haiku-4-5 with ANTHROPIC_API_KEY set;
            named models too: -Dquarkus.chat-models.fast.model=openai:gpt-4.1-mini (clients then send "model": "fast").""";

    private static final Logger LOG = Logger.getLogger(StartupCheck.class);

    void check(@Observes StartupEvent event, ModelCatalog models, RequestGuard guard) {
        if (models.names().isEmpty()) {
            throw new ConfigurationException(NO_MODEL);
        }
        LOG.infof("Serving chat models %s", models.names());
        if (!guard.requiresApiKey()) {
            LOG.warn("chat-functions.api-keys is not set: anyone who can reach this function can use its models. Set"
                    + " it (or CHAT_FUNCTIONS_API_KEYS) to the keys clients must send as 'Authorization: Bearer <key>'.");
        }
    }
}
