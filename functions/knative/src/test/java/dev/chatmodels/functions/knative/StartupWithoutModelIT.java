package dev.chatmodels.functions.knative;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The packaged app, started with no model configured, stops at once and says what to set. */
class StartupWithoutModelIT {

    @Test
    void refusesToStartAndSaysWhatToConfigure() throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-jar", jar.toString()).redirectErrorStream(true);
        // Keys in the test machine's environment must not configure anything.
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_CHAT_MODELS") || name.endsWith("_API_KEY"));
        Process app = builder.start();

        boolean exited = app.waitFor(60, TimeUnit.SECONDS);
        String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            app.destroyForcibly();
        }

        assertTrue(exited, "the app kept running without a model: " + output);
        assertNotEquals(0, app.exitValue());
        assertTrue(output.contains("-Dquarkus.chat-models.model=openai:gpt-4.1"), output);
        assertTrue(output.contains("OPENAI_API_KEY"), output);
        assertTrue(!output.contains("\tat "), "a stack trace instead of a message: " + output);
    }
}
