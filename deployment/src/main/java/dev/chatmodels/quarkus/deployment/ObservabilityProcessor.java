package dev.chatmodels.quarkus.deployment;

import java.util.Optional;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;

/**
 * Metrics and traces of model calls, each only when the application has its extension: the callbacks are registered
 * as beans by name, so that without Micrometer or OpenTelemetry none of their classes is ever loaded.
 */
class ObservabilityProcessor {

    private static final String METRICS = "dev.chatmodels.quarkus.runtime.observability.metrics.ChatModelMetrics";
    private static final String TRACING = "dev.chatmodels.quarkus.runtime.observability.tracing.ChatModelTracing";

    /** Micrometer's, not any metrics extension's: the callback uses Micrometer's API. */
    @BuildStep
    void metrics(Optional<MetricsCapabilityBuildItem> metrics, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (metrics.isPresent() && metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(METRICS));
        }
    }

    @BuildStep
    void tracing(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.OPENTELEMETRY_TRACER)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(TRACING));
        }
    }
}
