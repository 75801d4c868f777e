package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code RateLimit} fields of calls of {@code @RateLimited} methods made while a JAX-RS
 * request is served: the demo's EJB ({@code /api/quote}, 5/1m per API key, behind a filter rule
 * of another policy), its CDI plan bean ({@code /api/plan/report}, no rule) and its CDI resource
 * ({@code /api/report}, behind a rule of its own policy and key). Each response carries one
 * {@code RateLimit-Policy} and one {@code RateLimit} field, one item per limit.
 */
@ExtendWith(ArquillianExtension.class)
class MethodFieldsIT {

    private static final String QUOTE_POLICY = "\"quote-web-1\";q=100;w=3600, \"per-api-key-1\";q=5;w=60";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // a prefix of its own: the buckets of other tests (and of earlier runs) are not these
        return Deployments.demoWar("fields", "limiter.key-prefix=fields-" + UUID.randomUUID().toString().substring(0, 8) + ":\n"
                + """
                limiter.policy.quote-web.limits=100/1h
                limiter.web.rules.quote.pattern=/api/quote
                limiter.web.rules.quote.policy=quote-web
                limiter.web.rules.quote.key=header:X-Api-Key
                limiter.web.rules.report.pattern=/api/report
                limiter.web.rules.report.policy=per-user
                limiter.web.rules.report.key=principal
                limiter.policy.plan.tier-resolver=io.jakartaredis.limiter.demo.PlanTiers
                limiter.policy.plan.tiers.gold.limits=100/1s, 50000000/month
                limiter.policy.plan.tiers.gold.concurrency=40
                """);
    }

    @Test
    void admittedEjbCallsCountDownBesideTheFiltersPolicy() {
        String key = "k-" + UUID.randomUUID();
        for (int left = 4; left >= 0; left--) {
            Http.Response allowed = Http.get(base, "api/quote", "X-Api-Key", key);
            assertEquals(200, allowed.status());
            assertEquals(QUOTE_POLICY, single(allowed, "RateLimit-Policy"));
            String limits = single(allowed, "RateLimit");
            assertEquals(99 - (4 - left), remaining(limits, "quote-web-1"), limits);
            assertEquals(left, remaining(limits, "per-api-key-1"), limits);
        }
    }

    @Test
    void aRejectionOfTheEjbCarriesTheFieldsOfThatRejectionOnceAsTheFilters429Does() {
        String key = "k-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, Http.get(base, "api/quote", "X-Api-Key", key).status());
        }
        Http.Response rejected = Http.get(base, "api/quote", "X-Api-Key", key);
        assertEquals(429, rejected.status());
        assertEquals("\"per-api-key-1\";q=5;w=60", single(rejected, "RateLimit-Policy"));
        long retryAfter = Long.parseLong(single(rejected, "Retry-After"));
        assertEquals("\"per-api-key-1\";r=0;t=" + retryAfter, single(rejected, "RateLimit"),
                "the rejecting policy alone, t equal to Retry-After");
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "within the minute: " + retryAfter);
        assertTrue(rejected.body().contains("\"violated-policies\":[\"per-api-key-1\"]"), rejected.body());
    }

    @Test
    void aCdiBeanThatNoRuleCoversStillAddsItsFields() {
        Http.Response allowed = Http.get(base, "api/plan/report?work=0", "X-Api-Key", "k-" + UUID.randomUUID());
        assertEquals(200, allowed.status());
        assertTrue(single(allowed, "RateLimit-Policy").matches(
                "\"plan-1\";q=10;w=1, \"plan-2\";q=5000000;w=\\d+, \"plan-3\";q=4;qu=\"concurrent-requests\""),
                single(allowed, "RateLimit-Policy"));
        String limits = single(allowed, "RateLimit");
        assertEquals(9, remaining(limits, "plan-1"), limits);
        assertTrue(limits.matches("\"plan-1\";r=9;t=1, \"plan-3\";r=3"), limits);
    }

    @Test
    void theFilterAndTheMethodDecidingOnOnePolicyAndKeyYieldOneItemOfTheLaterDecision() {
        Http.Response first = Http.get(base, "api/report");
        assertEquals(200, first.status());
        assertEquals("\"per-user-1\";q=3;w=60", single(first, "RateLimit-Policy"));
        assertEquals(1, remaining(single(first, "RateLimit"), "per-user-1"),
                "3 tokens, one taken by the rule, one by the method: the method's decision is the later");
        Http.Response second = Http.get(base, "api/report");
        assertEquals(429, second.status(), "the rule took the last token, the method found none");
        assertEquals("\"per-user-1\";q=3;w=60", single(second, "RateLimit-Policy"));
        assertTrue(single(second, "RateLimit").startsWith("\"per-user-1\";r=0;t="), single(second, "RateLimit"));
    }

    @Test
    void aRequestWithoutAnyDecisionCarriesNoFields() {
        Http.Response hello = Http.get(base, "api/hello");
        assertEquals(200, hello.status());
        assertEquals(List.of(), hello.headers().keySet().stream().filter(name -> name.startsWith("ratelimit")).toList());
    }

    /** The value of a field sent exactly once. */
    private static String single(Http.Response response, String name) {
        List<String> lines = response.headers().getOrDefault(name.toLowerCase(), List.of());
        assertEquals(1, lines.size(), name + " sent once: " + response.headers());
        return lines.get(0);
    }

    private static long remaining(String rateLimitField, String item) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(item) + "\";r=(\\d+)").matcher(rateLimitField);
        assertTrue(m.find(), item + " in " + rateLimitField);
        long remaining = Long.parseLong(m.group(1));
        assertTrue(!m.find(), item + " once in " + rateLimitField);
        return remaining;
    }
}
