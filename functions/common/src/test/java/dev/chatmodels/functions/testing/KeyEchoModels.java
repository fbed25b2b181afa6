package dev.chatmodels.functions.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.chatmodels.testing.ProviderStandIn;
import dev.chatmodels.testing.StandInConfig;

/**
 * A function app whose models use keys in formats no pattern knows, logging every request and answer to a file the
 * tests read: a {@code default} OpenAI model behind a gateway (a non-prefixed key and a gateway token header), an
 * {@code sk} OpenAI model with an {@code sk-} key and a {@code gemini} Google model with a Google-style key, all pointed
 * at one {@link ProviderStandIn}; clients need {@link #CLIENT_KEY}.
 */
public class KeyEchoModels extends StandInResource {

    public static final String GATEWAY_KEY = "gw9f8e7d6c5b4a3f2e1d";
    public static final String GATEWAY_TOKEN = "Qm7tR2vX9kP4wZ8s";
    public static final String SK_KEY = "sk-proj-Ab12Cd34Ef56Gh78Ij90";
    public static final String GOOGLE_KEY = "AIzaSyT3stK3yG00gl3x7Vw4Rb3Hm8ZcQ2Lx9";
    public static final String CLIENT_KEY = "fk9Tq2Lx7Vw4Rb3Hm8Zc";
    public static final List<String> SECRETS = List.of(GATEWAY_KEY, GATEWAY_TOKEN, SK_KEY, GOOGLE_KEY, CLIENT_KEY);
    /** The app's log file: where the packaged app of an integration test logs anyway, so the same test reads both. */
    public static final Path LOG = Path.of("target", "quarkus.log").toAbsolutePath();

    @Override
    Map<String, String> configuration(ProviderStandIn standIn) {
        try {
            Files.deleteIfExists(LOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StandInConfig(standIn)
                .defaultModel(GATEWAY_KEY)
                .with("quarkus.chat-models.model", "openai:gpt-4o-mini")
                .with("quarkus.chat-models.headers.X-Gateway-Token", GATEWAY_TOKEN)
                .with("quarkus.chat-models.log-requests", "true")
                .with("quarkus.chat-models.log-responses", "true")
                .model("sk", SK_KEY)
                .with("quarkus.chat-models.sk.model", "openai:gpt-4o-mini")
                .with("quarkus.chat-models.sk.log-requests", "true")
                .with("quarkus.chat-models.sk.log-responses", "true")
                .model("gemini", GOOGLE_KEY)
                .with("quarkus.chat-models.gemini.model", "google:gemini-2.0-flash")
                .with("quarkus.chat-models.gemini.log-requests", "true")
                .with("quarkus.chat-models.gemini.log-responses", "true")
                .with("chat-functions.api-keys", CLIENT_KEY)
                .with("quarkus.log.file.enabled", "true")
                .with("quarkus.log.file.path", LOG.toString())
                .properties();
    }
}
