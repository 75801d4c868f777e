package io.jakartaredis.limiter.metrics.micrometer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.spi.BeanManager;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import io.jakartaredis.limiter.metrics.FieldInjection;
import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.metrics.MetricsPublisher;
import io.jakartaredis.limiter.metrics.PolicyStats;
import io.jakartaredis.limiter.metrics.PolicyStatsSink;
import io.jakartaredis.limiter.metrics.PublishedCounter;

/**
 * Publishes every policy to the server's Micrometer registry (WildFly's {@code micrometer}
 * subsystem). The counters are function counters that read {@link PolicyStats} when scraped, so
 * nothing is counted twice; only the decision latency is recorded per decision, into a timer
 * resolved once per policy. Meters are registered through the registry's own methods, not the
 * builders: WildFly 39's per-deployment registry passes only those on to its Prometheus registry
 * (builder registrations stay in the deployment's own registry, unseen), and takes no
 * descriptions or histogram settings either way.
 */
public class MicrometerPublisher implements MetricsPublisher {

    /** Resolved as an injection of this field would be ({@link FieldInjection}). */
    private MeterRegistry registry;

    private final List<Meter> registered = new ArrayList<>();

    @Override
    public void publish(LimiterMetrics metrics, BeanManager beans) {
        publish(metrics, (MeterRegistry) FieldInjection.resolve(beans, getClass(), "registry"));
    }

    void publish(LimiterMetrics metrics, MeterRegistry registry) {
        this.registry = registry;
        metrics.all().values().forEach(this::publish);
    }

    private void publish(PolicyStats stats) {
        Tags policy = Tags.of(PublishedCounter.POLICY_TAG, stats.getPolicy());
        for (PublishedCounter counter : PublishedCounter.values()) {
            if (counter.appliesTo(stats)) {
                Tags tags = counter.tagKey() == null ? policy : policy.and(counter.tagKey(), counter.tagValue());
                registered.add(registry.more().counter(counter.metricName(), tags, stats, counter::valueIn));
            }
        }
        registry.gauge(PublishedCounter.SLOTS_IN_FLIGHT, policy, stats, PolicyStats::getInFlight);
        Gauge inFlight = registry.find(PublishedCounter.SLOTS_IN_FLIGHT).tags(policy).gauge();
        if (inFlight != null) {
            registered.add(inFlight);
        }
        Timer latency = registry.timer(PublishedCounter.DECISION_DURATION, policy);
        registered.add(latency);
        stats.alsoCountIn(new LatencyOnly(latency));
    }

    @Override
    public void unpublish() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    /** The counters are read from the statistics; a decision records its latency, no more. */
    private record LatencyOnly(Timer latency) implements PolicyStatsSink {

        @Override
        public void counted(PublishedCounter counter) {
        }

        @Override
        public void timed(long latencyNanos) {
            latency.record(latencyNanos, TimeUnit.NANOSECONDS);
        }
    }
}
