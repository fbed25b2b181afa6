package dev.chatmodels.quarkus.deployment.observability;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * Collects the spans of a test application in memory: Quarkus adds every {@link SpanProcessor} bean to its tracer, and
 * a simple processor exports each span as it ends, so a test sees it without waiting.
 */
@Singleton
public class SpanCapture {

    private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Produces
    @Singleton
    SpanProcessor processor() {
        return SimpleSpanProcessor.create(EXPORTER);
    }

    static List<SpanData> spans() {
        return EXPORTER.getFinishedSpanItems();
    }

    static void reset() {
        EXPORTER.reset();
    }
}
