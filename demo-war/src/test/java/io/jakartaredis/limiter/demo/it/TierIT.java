package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jakartaredis.limiter.demo.it.tiers.PlanHeaderTier;

/**
 * Tiers in the server under test: a {@code TierResolver} bean reads the plan from a header, and
 * free and gold clients get their own limits through the filter and through the interceptor (an
 * EJB and a CDI bean), with header fields and the 429 describing their tier's limits. Every client
 * key is unique to the run: the Redis outlives a rerun.
 */
@ExtendWith(ArquillianExtension.class)
class TierIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        String resolver = PlanHeaderTier.class.getName();
        return Deployments.demoWar("tier", """
                limiter.policy.tier-ejb.tiers.gold.limits=5/1h
                limiter.policy.tier-ejb.tier-resolver=%1$s
                limiter.policy.tier-cdi.tiers.gold.limits=5/1h
                limiter.policy.tier-cdi.tier-resolver=%1$s
                limiter.policy.tier-web.limits=2/1h
                limiter.policy.tier-web.tiers.gold.limits=5/1h
                limiter.policy.tier-web.tier-resolver=%1$s
                limiter.web.rules.tier.pattern=/api/hello
                limiter.web.rules.tier.policy=tier-web
                limiter.web.rules.tier.key=header:X-Client
                """.formatted(resolver)).addPackage(PlanHeaderTier.class.getPackage());
    }

    @ParameterizedTest
    @CsvSource({"free, 2", "gold, 5"})
    void theFilterLimitsEachTierByItsOwnLimitsAndDescribesThem(String plan, int capacity) {
        String client = "tier-" + UUID.randomUUID();
        for (int i = 0; i < capacity; i++) {
            Http.Response allowed = Http.get(base, "api/hello", "X-Client", client, "X-Plan", plan);
            assertEquals(200, allowed.status(), "request " + i);
            assertEquals("\"tier-web-1\";q=" + capacity + ";w=3600", allowed.header("RateLimit-Policy").orElseThrow());
            assertTrue(allowed.header("RateLimit").orElseThrow().startsWith("\"tier-web-1\";r=" + (capacity - 1 - i) + ";"),
                    allowed.header("RateLimit").orElseThrow());
        }
        Http.Response rejected = Http.get(base, "api/hello", "X-Client", client, "X-Plan", plan);
        assertEquals(429, rejected.status());
        assertEquals("\"tier-web-1\";q=" + capacity + ";w=3600", rejected.header("RateLimit-Policy").orElseThrow());
        assertTrue(rejected.body().contains("(" + capacity + "/1h) of policy tier-web"
                + ("gold".equals(plan) ? " in tier gold" : "") + " is used up"), rejected.body());
    }

    @ParameterizedTest
    @CsvSource({"ejb, free, 2", "ejb, gold, 5", "cdi, free, 2", "cdi, gold, 5"})
    void theInterceptorLimitsEachTierByItsOwnLimitsAndTheMapperDescribesThem(String kind, String plan, int capacity) {
        String client = "tier-" + UUID.randomUUID();
        for (int i = 0; i < capacity; i++) {
            assertEquals("allowed " + kind, Http.get(base, "api/tier-probe/call/" + kind, "X-Client", client, "X-Plan", plan).body(),
                    "call " + i);
        }
        Http.Response rejected = Http.get(base, "api/tier-probe/call/" + kind, "X-Client", client, "X-Plan", plan);
        assertEquals(429, rejected.status());
        assertEquals("\"tier-" + kind + "-1\";q=" + capacity + ";w=3600", rejected.header("RateLimit-Policy").orElseThrow());
        assertTrue(rejected.body().contains("Quota tier-" + kind + "-1 (" + capacity + "/1h) of policy tier-" + kind
                + ("gold".equals(plan) ? " in tier gold" : "") + " is used up"), rejected.body());
    }

    @ParameterizedTest
    @CsvSource({"web", "ejb", "cdi"})
    void aResolverThatThrowsGivesThePolicysOwnLimitsNeverAnError(String kind) {
        String client = "tier-" + UUID.randomUUID();
        String path = "web".equals(kind) ? "api/hello" : "api/tier-probe/call/" + kind;
        for (int i = 0; i < 2; i++) {
            Http.Response allowed = Http.get(base, path, "X-Client", client, "X-Plan", "unavailable");
            assertEquals(200, allowed.status(), kind + " call " + i + ": " + allowed.body());
        }
        Http.Response rejected = Http.get(base, path, "X-Client", client, "X-Plan", "unavailable");
        assertEquals(429, rejected.status(), rejected.body());
        assertEquals("\"tier-" + kind + "-1\";q=2;w=3600", rejected.header("RateLimit-Policy").orElseThrow(),
                "the default tier's limits");
    }
}
