package io.jakartaredis.limiter.metrics.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.FailurePolicy;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.config.PolicyMode;
import io.jakartaredis.limiter.core.DecidedBy;
import io.jakartaredis.limiter.metrics.LimiterMetrics;

/** The Micrometer meters read the policies' counters and time every decision, on a real (simple) registry. */
class MicrometerPublisherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LimiterMetrics metrics = new LimiterMetrics(List.of(
            new PolicyConfig("api", List.of(Limit.parse("10/1s")), FailurePolicy.CLOSED),
            new PolicyConfig("trial", List.of(Limit.parse("5/1m")), FailurePolicy.OPEN, PolicyMode.SHADOW, false)),
            () -> "CLOSED");
    private final MicrometerPublisher publisher = new MicrometerPublisher();

    private static Decision decision(String policy, boolean allowed) {
        return new Decision(policy, allowed, 10, Duration.ofSeconds(1), 0, allowed ? 0 : 100, 1000);
    }

    private double counter(String name, String policy, String... tag) {
        var search = registry.find(name).tag("policy", policy);
        if (tag.length == 2) {
            search = search.tag(tag[0], tag[1]);
        }
        FunctionCounter counter = search.functionCounter();
        return counter == null ? Double.NaN : counter.count();
    }

    @Test
    void countersShowEachOutcomeAndTheTimerEveryDecision() {
        publisher.publish(metrics, registry);
        metrics.decided(decision("api", true), "ip:1", DecidedBy.REDIS, 2_000_000);
        metrics.decided(decision("api", true), "ip:1", DecidedBy.REDIS, 1_000_000);
        metrics.decided(decision("api", false), "ip:1", DecidedBy.REDIS, 1_000_000);
        metrics.decided(decision("api", false), "ip:1", DecidedBy.DENY_CACHE, 10_000);
        metrics.refused("api", 5_000_000);
        metrics.refunded("api", 1, true);

        assertEquals(2, counter("ratelimit.decisions", "api", "outcome", "admitted"));
        assertEquals(2, counter("ratelimit.decisions", "api", "outcome", "rejected"));
        assertEquals(1, counter("ratelimit.decisions", "api", "outcome", "refused"));
        assertEquals(1, counter("ratelimit.rejected.locally", "api"));
        assertEquals(1, counter("ratelimit.failures", "api"));
        assertEquals(1, counter("ratelimit.refunds", "api", "result", "taken"));
        assertEquals(0, counter("ratelimit.decisions", "trial", "outcome", "admitted"), "policies count apart");
        Timer latency = registry.find("ratelimit.decision.duration").tag("policy", "api").timer();
        assertEquals(5, latency.count());
        assertEquals(9_010_000, latency.totalTime(TimeUnit.NANOSECONDS), 1);
    }

    @Test
    void shadowRejectionsArePublishedOnlyForShadowPolicies() {
        publisher.publish(metrics, registry);
        metrics.decided(new Decision("trial", true, 5, Duration.ofMinutes(1), 0, 12_000, 60_000, 0, true, false), "ip:1",
                DecidedBy.REDIS, 1_000);
        assertEquals(1, counter("ratelimit.shadow.rejected", "trial"));
        assertEquals(1, counter("ratelimit.decisions", "trial", "outcome", "admitted"));
        assertTrue(Double.isNaN(counter("ratelimit.shadow.rejected", "api")), "an enforcing policy has none");
    }

    @Test
    void unpublishingRemovesEveryMeter() {
        publisher.publish(metrics, registry);
        assertTrue(registry.getMeters().size() > 20, registry.getMeters().toString());
        publisher.unpublish();
        assertEquals(List.of(), registry.getMeters());
        assertNull(registry.find("ratelimit.decision.duration").timer());
    }
}
