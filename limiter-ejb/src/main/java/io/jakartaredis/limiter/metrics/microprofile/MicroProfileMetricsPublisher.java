package io.jakartaredis.limiter.metrics.microprofile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.spi.BeanManager;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import io.jakartaredis.limiter.metrics.FieldInjection;
import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.metrics.MetricsPublisher;
import io.jakartaredis.limiter.metrics.PolicyStats;
import io.jakartaredis.limiter.metrics.PolicyStatsSink;
import io.jakartaredis.limiter.metrics.PublishedCounter;

/**
 * Publishes every policy to the application registry of MicroProfile Metrics (Payara:
 * {@code /metrics/application}). MicroProfile Metrics 5 has no counter that reads a value, so each
 * policy's counters and timer are resolved once and incremented by its {@link PolicyStats}
 * through a {@link PolicyStatsSink}; the slots in flight are a gauge that reads it.
 */
public class MicroProfileMetricsPublisher implements MetricsPublisher {

    /** Resolved as an injection of this field would be ({@link FieldInjection}). */
    private MetricRegistry registry;

    private final List<MetricID> registered = new ArrayList<>();

    @Override
    public void publish(LimiterMetrics metrics, BeanManager beans) {
        publish(metrics, (MetricRegistry) FieldInjection.resolve(beans, getClass(), "registry"));
    }

    void publish(LimiterMetrics metrics, MetricRegistry registry) {
        this.registry = registry;
        metrics.all().values().forEach(this::publish);
    }

    private void publish(PolicyStats stats) {
        Tag policy = new Tag(PublishedCounter.POLICY_TAG, stats.getPolicy());
        Map<PublishedCounter, Counter> counters = new EnumMap<>(PublishedCounter.class);
        for (PublishedCounter counter : PublishedCounter.values()) {
            if (counter.appliesTo(stats)) {
                Tag[] tags = tags(policy, counter);
                counters.put(counter, registry.counter(metadata(counter.metricName(), counter.description(),
                        MetricUnits.NONE), tags));
                registered.add(new MetricID(counter.metricName(), tags));
            }
        }
        // A timer, not a histogram in nanoseconds: Payara 6 shows a histogram's sum unconverted, under _seconds.
        Timer latency = registry.timer(metadata(PublishedCounter.DECISION_DURATION,
                "How long decisions took, waits included", MetricUnits.NANOSECONDS), policy);
        registered.add(new MetricID(PublishedCounter.DECISION_DURATION, policy));
        registry.gauge(metadata(PublishedCounter.SLOTS_IN_FLIGHT, "Concurrency slots this node holds", MetricUnits.NONE),
                stats, PolicyStats::getInFlight, policy);
        registered.add(new MetricID(PublishedCounter.SLOTS_IN_FLIGHT, policy));
        stats.alsoCountIn(new Sink(counters, latency));
    }

    private static Tag[] tags(Tag policy, PublishedCounter counter) {
        return counter.tagKey() == null ? new Tag[] {policy} : new Tag[] {policy, new Tag(counter.tagKey(), counter.tagValue())};
    }

    private static Metadata metadata(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }

    @Override
    public void unpublish() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    /** One policy's counters and timer, resolved once: a decision costs an array read and an increment. */
    private static final class Sink implements PolicyStatsSink {

        private final Counter[] byCounter;
        private final Timer latency;

        Sink(Map<PublishedCounter, Counter> counters, Timer latency) {
            this.byCounter = new Counter[PublishedCounter.values().length];
            counters.forEach((counter, meter) -> byCounter[counter.ordinal()] = meter);
            this.latency = latency;
        }

        @Override
        public void counted(PublishedCounter counter) {
            Counter meter = byCounter[counter.ordinal()];
            if (meter != null) {
                meter.inc();
            }
        }

        @Override
        public void timed(long latencyNanos) {
            latency.update(Duration.ofNanos(latencyNanos));
        }
    }
}
