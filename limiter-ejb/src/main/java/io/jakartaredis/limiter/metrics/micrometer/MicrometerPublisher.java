package io.jakartaredis.limiter.metrics.micrometer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.metrics.MetricsPublisher;
import io.jakartaredis.limiter.metrics.PolicyStats;
import io.jakartaredis.limiter.metrics.PolicyStatsSink;
import io.jakartaredis.limiter.metrics.PublishedCounter;

/**
 * Publishes every policy to the server's Micrometer registry (WildFly's {@code micrometer}
 * subsystem). The counters are function counters that read {@link PolicyStats} when scraped, so
 * nothing is counted twice; only the decision latency is recorded per decision, into a timer
 * resolved once per policy.
 */
public class MicrometerPublisher implements MetricsPublisher {

    @Inject
    MeterRegistry registry;

    private final List<Meter> registered = new ArrayList<>();

    @Override
    public void publish(LimiterMetrics metrics) {
        metrics.all().values().forEach(this::publish);
    }

    private void publish(PolicyStats stats) {
        Tags policy = Tags.of(PublishedCounter.POLICY_TAG, stats.getPolicy());
        for (PublishedCounter counter : PublishedCounter.values()) {
            if (counter.appliesTo(stats)) {
                Tags tags = counter.tagKey() == null ? policy : policy.and(counter.tagKey(), counter.tagValue());
                registered.add(FunctionCounter.builder(counter.metricName(), stats, counter::valueIn)
                        .description(counter.description()).tags(tags).register(registry));
            }
        }
        registered.add(Gauge.builder(PublishedCounter.SLOTS_IN_FLIGHT, stats, PolicyStats::getInFlight)
                .description("Concurrency slots this node holds").tags(policy).register(registry));
        Timer latency = Timer.builder(PublishedCounter.DECISION_DURATION).description("How long decisions took, waits included")
                .tags(policy).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        registered.add(latency);
        stats.alsoCountIn(new LatencyOnly(latency));
    }

    /** Removes this application's meters, so that a redeployment starts from zero. */
    @PreDestroy
    void unpublish() {
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
