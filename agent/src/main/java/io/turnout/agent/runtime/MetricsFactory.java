package io.turnout.agent.runtime;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The one meter registry of the agent: the reconcile core records into it ({@code MeterRegistry}),
 * {@code GET /metrics} scrapes it in Prometheus text format.
 */
@Factory
final class MetricsFactory {
    @Singleton
    @Bean(preDestroy = "close")
    PrometheusMeterRegistry prometheusMeterRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
}
