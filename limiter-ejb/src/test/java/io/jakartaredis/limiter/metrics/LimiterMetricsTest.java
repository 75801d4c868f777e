package io.jakartaredis.limiter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.FailurePolicy;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.config.PolicyMode;
import io.jakartaredis.limiter.core.DecidedBy;

class LimiterMetricsTest {

    private final LimiterMetrics metrics = new LimiterMetrics(List.of(
            new PolicyConfig("api", List.of(Limit.parse("10/1s")), FailurePolicy.LOCAL),
            new PolicyConfig("login", List.of(Limit.parse("5/1m")))), () -> "CLOSED");

    private static Decision decision(String policy, boolean allowed) {
        return new Decision(policy, allowed, 10, Duration.ofSeconds(1), 0, allowed ? 0 : 100, 1000);
    }

    @Test
    void countsAdmittedRejectedLocalRejectionsFailuresAndLatencyPerPolicy() {
        metrics.decided(decision("api", true), "ip:1", DecidedBy.REDIS, 2_000_000);
        metrics.decided(decision("api", false), "ip:1", DecidedBy.REDIS, 1_000_000);
        metrics.decided(decision("api", true), "ip:1", DecidedBy.FAILURE_POLICY, 3_000_000);
        metrics.decided(decision("api", false), "ip:1", DecidedBy.DENY_CACHE, 0);
        metrics.refused("api", 6_000_000);
        PolicyStats api = metrics.stats("api");
        assertEquals(2, api.getAdmitted());
        assertEquals(2, api.getRejected());
        assertEquals(1, api.getRejectedLocally(), "by the deny cache");
        assertEquals(2, api.getFailures(), "one local decision and one refusal");
        assertEquals(5, api.getDecisions());
        assertEquals(12_000, api.getLatencyTotalMicros());
        assertEquals(2_400, api.getLatencyMeanMicros());
        assertEquals(6_000, api.getLatencyMaxMicros());
        assertEquals("local", api.getFailurePolicy());
        assertEquals(0, metrics.stats("login").getDecisions(), "policies count apart");
    }

    @Test
    void twoMetricsApisAtOnceAreBothToldOfEveryCountAndLatency() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        PolicyStats api = metrics.stats("api");
        api.alsoCountIn(recording(first)); // e.g. MicroProfile Metrics
        api.alsoCountIn(recording(second)); // and a Micrometer registry the application produces
        metrics.decided(decision("api", false), "ip:1", DecidedBy.REDIS, 2_000);
        metrics.refused("api", 3_000);
        List<String> expected = List.of(PublishedCounter.REJECTED + "", "timed 2000", PublishedCounter.REFUSED + "",
                PublishedCounter.FAILURES + "", "timed 3000");
        assertEquals(expected, first);
        assertEquals(expected, second);
    }

    private static PolicyStatsSink recording(List<String> told) {
        return new PolicyStatsSink() {
            @Override
            public void counted(PublishedCounter counter) {
                told.add(counter.toString());
            }

            @Override
            public void timed(long latencyNanos) {
                told.add("timed " + latencyNanos);
            }
        };
    }

    @Test
    void countsShadowRejectionsApartAsAdmittedNotRejected() {
        LimiterMetrics shadowMetrics = new LimiterMetrics(List.of(new PolicyConfig("trial", List.of(Limit.parse("5/1m")),
                FailurePolicy.OPEN, PolicyMode.SHADOW, false)), () -> "CLOSED");
        Decision shadowRejected = new Decision("trial", true, 5, Duration.ofMinutes(1), 0, 12_000, 60_000, 0, true, false);
        shadowMetrics.decided(decision("trial", true), "ip:1", DecidedBy.REDIS, 1_000);
        shadowMetrics.decided(shadowRejected, "ip:1", DecidedBy.REDIS, 1_000);
        shadowMetrics.decided(shadowRejected, "ip:1", DecidedBy.DENY_CACHE, 1_000);
        PolicyStats trial = shadowMetrics.stats("trial");
        assertEquals(3, trial.getAdmitted());
        assertEquals(2, trial.getShadowRejected());
        assertEquals(0, trial.getRejected());
        assertEquals(1, trial.getRejectedLocally());
        assertEquals(3, trial.getDecisions());
        assertEquals("shadow", trial.getMode());
        assertEquals("enforce", metrics.stats("api").getMode());
    }

    @Test
    void registersOneMBeanPerPolicyInThePlatformServerAndUnregistersThem() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName api = new ObjectName("io.jakartaredis.limiter:type=Policy,app=\"shop\",name=api");
        metrics.decided(decision("api", false), "ip:1", DecidedBy.REDIS, 1_000);
        try (PolicyMBeans beans = PolicyMBeans.register(server, "shop", metrics)) {
            assertEquals(2, beans.names().size());
            assertTrue(server.isRegistered(api));
            assertEquals(1L, server.getAttribute(api, "Rejected"));
            assertEquals("CLOSED", server.getAttribute(api, "CircuitState"));
            assertEquals("api", server.getAttribute(api, "Policy"));
        }
        assertFalse(server.isRegistered(api));
    }

    @Test
    void aSecondApplicationWithTheSameNamesGetsItsOwnInstances() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        LimiterMetrics other = new LimiterMetrics(List.of(new PolicyConfig("api", List.of(Limit.parse("1/1s")))), () -> "OPEN");
        try (PolicyMBeans first = PolicyMBeans.register(server, null, metrics);
             PolicyMBeans second = PolicyMBeans.register(server, null, other)) {
            ObjectName secondName = new ObjectName("io.jakartaredis.limiter:type=Policy,name=api,instance=2");
            assertEquals(List.of(secondName), second.names());
            assertEquals("OPEN", server.getAttribute(secondName, "CircuitState"));
            assertEquals("CLOSED", server.getAttribute(PolicyMBeans.name(null, "api"), "CircuitState"));
        }
        assertTrue(server.queryNames(new ObjectName("io.jakartaredis.limiter:*"), null).isEmpty());
    }
}
