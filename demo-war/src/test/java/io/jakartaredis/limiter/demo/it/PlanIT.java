package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo's plan endpoint, {@code GET /api/plan/report}, with the demo's own plan properties: a
 * free API key gets 4 reports in flight and a 429 naming the concurrency limit for a fifth, a gold
 * key (ten times the limits) runs six at once. The 429 lists the free plan's rate, monthly quota
 * and concurrency limit in {@code RateLimit-Policy}.
 */
@ExtendWith(ArquillianExtension.class)
class PlanIT {

    private static final String FREE_POLICY_FIELD = "\"plan-1\";q=10;w=1, \"plan-2\";q=5000000;w=";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("plan", """
                limiter.policy.plan.tier-resolver=io.jakartaredis.limiter.demo.PlanTiers
                limiter.policy.plan.tiers.gold.limits=100/1s, 50000000/month
                limiter.policy.plan.tiers.gold.concurrency=40
                """);
    }

    @Test
    void aFreeKeyRunsFourReportsAtOnceAndAFifthIsAnswered429() throws Exception {
        String key = "free-" + UUID.randomUUID();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Http.Response>> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(threads.submit(() -> Http.get(base, "api/plan/report?work=4000", "X-Api-Key", key)));
            }
            Http.Response rejected = null;
            for (int polls = 0; polls < 15 && rejected == null; polls++) {
                Thread.sleep(200); // at most 5 polls a second: the free rate (10/s) is not what rejects
                Http.Response poll = Http.get(base, "api/plan/report?work=0", "X-Api-Key", key);
                if (poll.status() == 429) {
                    rejected = poll;
                }
            }
            assertTrue(rejected != null, "a fifth report while four are in flight is rejected");
            String policyField = rejected.header("RateLimit-Policy").orElseThrow();
            assertTrue(policyField.startsWith(FREE_POLICY_FIELD), policyField);
            assertTrue(policyField.endsWith("\"plan-3\";q=4;qu=\"concurrent-requests\""), policyField);
            assertTrue(rejected.header("RateLimit").orElseThrow().startsWith("\"plan-3\";r=0"),
                    rejected.header("RateLimit").get());
            for (Future<Http.Response> each : held) {
                assertEquals(200, each.get(30, TimeUnit.SECONDS).status());
            }
        } finally {
            threads.shutdownNow();
        }
        Http.Response afterwards = Http.get(base, "api/plan/report?work=0", "X-Api-Key", key);
        assertEquals(200, afterwards.status(), "every slot came back: " + afterwards.body());
    }

    @Test
    void aGoldKeyRunsMoreReportsAtOnceUnderItsOwnLimits() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(threads.submit(() -> Http.get(base, "api/plan/report?work=1500", "X-Api-Key", "demo-gold-key")));
            }
            for (Future<Http.Response> each : calls) {
                Http.Response response = each.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.status(), "six overlapping reports, over the free plan's 4: " + response.body());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
