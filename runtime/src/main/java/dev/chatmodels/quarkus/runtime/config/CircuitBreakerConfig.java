package dev.chatmodels.quarkus.runtime.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** A circuit breaker: after too many failures the model fails fast (and falls back) for a while. */
public interface CircuitBreakerConfig {

    /** Whether the circuit breaker is on. */
    @WithDefault("false")
    boolean enabled();

    /** The share of failed calls in the rolling window that opens the circuit. */
    @WithDefault("0.5")
    double failureRatio();

    /** The number of calls in the rolling window. */
    @WithDefault("20")
    int requestVolumeThreshold();

    /** How long the circuit stays open before a trial call. */
    @WithDefault("30s")
    Duration delay();

    /** The number of successful trial calls that close the circuit again. */
    @WithDefault("1")
    int successThreshold();
}
