package dev.chatmodels.functions.http;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.chatmodels.functions.chat.ModelCatalog;

/** Ready once there are models to serve; the names are in the check's data. */
@Readiness
@ApplicationScoped
public class ModelsReadiness implements HealthCheck {

    private final ModelCatalog models;

    ModelsReadiness(ModelCatalog models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("chat-models")
                .status(!models.names().isEmpty())
                .withData("models", String.join(",", models.names()))
                .build();
    }
}
