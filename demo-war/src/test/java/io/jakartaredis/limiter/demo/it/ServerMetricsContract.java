package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;

/**
 * What every server's metrics endpoint shows of a policy after a burst through the filter: the
 * decisions by outcome, those the deny cache answered, no failures, and one latency per decision.
 * Each server's test deploys {@link #deployment(String)} and scrapes its own endpoint over HTTP.
 */
abstract class ServerMetricsContract {

    /** 4 per hour: a burst of 7 is 4 admitted and 3 rejected, the last 2 of them by the deny cache. */
    static final int ADMITTED = 4;
    static final int REJECTED = 3;
    static final String POLICY = "metered";

    @ArquillianResource
    URL base;

    static String deploymentProperties() {
        return """
                limiter.policy.metered.limits=4/1h
                limiter.web.rules.metered.pattern=/api/hello
                limiter.web.rules.metered.policy=metered
                limiter.policy.trial.limits=1/1h
                limiter.policy.trial.mode=shadow
                limiter.web.rules.trial.pattern=/api/search
                limiter.web.rules.trial.policy=trial
                limiter.web.trusted-proxies=127.0.0.2
                """;
    }

    /** A call through the trusted proxy for {@code client}: each test has its own bucket. */
    private int call(String path, String client) {
        return Http.request("GET", Http.TRUSTED_PROXY, base, path, "X-Forwarded-For", client).status();
    }

    /** The endpoint's Prometheus text, fetched over HTTP. */
    abstract String scrape();

    @Test
    void aBurstShowsExactlyItsOutcomesAndLatencies() {
        String client = Http.randomClientAddress();
        for (int i = 0; i < ADMITTED + REJECTED; i++) {
            int expected = i < ADMITTED ? 200 : 429;
            assertEquals(expected, call("api/hello", client), "call " + (i + 1));
        }
        String metrics = scrape();
        assertEquals(ADMITTED, PrometheusText.value(metrics, "ratelimit_decisions_total", "policy", POLICY, "outcome",
                "admitted"), PrometheusText.ours(metrics));
        assertEquals(REJECTED, PrometheusText.value(metrics, "ratelimit_decisions_total", "policy", POLICY, "outcome",
                "rejected"));
        assertEquals(0, PrometheusText.value(metrics, "ratelimit_decisions_total", "policy", POLICY, "outcome", "refused"));
        assertEquals(REJECTED - 1, PrometheusText.value(metrics, "ratelimit_rejected_locally_total", "policy", POLICY),
                "after the first rejection the deny cache answers");
        assertEquals(0, PrometheusText.value(metrics, "ratelimit_failures_total", "policy", POLICY));
        assertEquals(ADMITTED + REJECTED, PrometheusText.value(metrics, "ratelimit_decision_duration_seconds_count",
                "policy", POLICY), "one latency per decision");
        double seconds = PrometheusText.value(metrics, "ratelimit_decision_duration_seconds_sum", "policy", POLICY);
        assertTrue(seconds > 0 && seconds < 30, "latencies in seconds: " + seconds);
        assertEquals(0, PrometheusText.value(metrics, "ratelimit_slots_in_flight", "policy", POLICY));
    }

    @Test
    void aShadowPolicyShowsWhatItWouldHaveRejected() {
        String client = Http.randomClientAddress();
        // Two calls: the search method's own limit (@RateLimited, 3/1s) stays clear of this test.
        for (int i = 0; i < 2; i++) {
            assertEquals(200, call("api/search?q=x", client), "shadow: all proceed");
        }
        String metrics = scrape();
        assertEquals(2, PrometheusText.value(metrics, "ratelimit_decisions_total", "policy", "trial", "outcome", "admitted"),
                PrometheusText.ours(metrics));
        assertEquals(1, PrometheusText.value(metrics, "ratelimit_shadow_rejected_total", "policy", "trial"));
        assertTrue(metrics.lines().noneMatch(line -> line.startsWith("ratelimit_shadow_rejected_total{")
                && line.contains("policy=\"" + POLICY + "\"")), "an enforcing policy has no shadow counter");
    }
}
