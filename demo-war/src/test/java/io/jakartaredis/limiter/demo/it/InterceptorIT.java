package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.demo.it.beans.CountingConfigSource;
import io.jakartaredis.limiter.demo.it.beans.ProbeResource;
import redis.clients.jedis.Jedis;

/** {@code @RateLimited} on every kind of EJB and on CDI beans, in the server under test against a real Redis. */
@ExtendWith(ArquillianExtension.class)
class InterceptorIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("interceptor", """
                limiter.policy.overridden.limits=2/1h
                """).addPackage(ProbeResource.class.getPackage())
                .addAsServiceProvider(ConfigSource.class, CountingConfigSource.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stateless", "singleton", "stateful", "async"})
    void ejbAdmitsItsLimitThenThrowsRateLimitExceededToTheCaller(String kind) {
        assertEquals("allowed " + kind, Http.get(base, "api/probe/" + kind).body());
        assertEquals("allowed " + kind, Http.get(base, "api/probe/" + kind).body());
        String rejected = Http.get(base, "api/probe/" + kind).body();
        assertTrue(rejected.startsWith("rejected ejb-" + kind + " limit=2 remaining=0 retryAfterMillis="), rejected);
        long retryAfter = Long.parseLong(rejected.substring(rejected.indexOf("retryAfterMillis=") + 17));
        assertTrue(retryAfter > 1_700_000 && retryAfter <= 1_800_000, "about half an hour: " + retryAfter);
    }

    @Test
    void cdiBeanKeyedByACustomResolverLimitsEachTenantApart() {
        assertEquals("allowed served a", Http.get(base, "api/probe/tenant?arg=a").body());
        assertEquals("allowed served a", Http.get(base, "api/probe/tenant?arg=a").body());
        assertTrue(Http.get(base, "api/probe/tenant?arg=a").body().startsWith("rejected per-tenant "));
        assertEquals("allowed served b", Http.get(base, "api/probe/tenant?arg=b").body());
    }

    @Test
    void microProfileConfigOverridesTheAnnotationsLimits() {
        assertEquals("allowed overridden", Http.get(base, "api/probe/overridden").body());
        assertEquals("allowed overridden", Http.get(base, "api/probe/overridden").body());
        assertTrue(Http.get(base, "api/probe/overridden").body().startsWith("rejected overridden limit=2 "),
                "2/1h from configuration, not 1000/1h from the annotation");
    }

    @Test
    void typeLevelAnnotationLimitsInheritedMethods() {
        assertEquals("allowed greeted", Http.get(base, "api/probe/inherited").body());
        assertEquals("allowed greeted", Http.get(base, "api/probe/inherited").body());
        assertTrue(Http.get(base, "api/probe/inherited").body().startsWith("rejected inherited limit=2 "));
    }

    @Test
    void settingsOfARequestScopedBeanAreReadOnceAtDeploymentNotPerRequest() {
        String readsAfterDeployment = Http.get(base, "api/probe/cost-reads").body();
        for (int i = 0; i < 5; i++) {
            assertEquals("allowed per request", Http.get(base, "api/probe/per-request").body());
        }
        assertEquals(readsAfterDeployment, Http.get(base, "api/probe/cost-reads").body(),
                "reads of limiter.policy.per-request.cost: none per request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cdi", "ejb"})
    void rejectionInsideTheCallersTransactionLeavesItCommittable(String kind) {
        assertEquals("written rejected, active, committed", Http.get(base, "api/tx/" + kind).body());
    }

    @Test
    void rejectedCallNeverReachesTheTransactionInterceptor() {
        assertEquals("TransactionalException rejected", Http.get(base, "api/tx/mandatory").body(),
                "admitted, then refused by @Transactional(MANDATORY); rejected before it");
    }

    @Test
    void ejbBehindJaxRsAnswers429PerApiKey() {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, Http.get(base, "api/quote", "X-Api-Key", "key-1").status());
        }
        Http.Response rejected = Http.get(base, "api/quote", "X-Api-Key", "key-1");
        assertEquals(429, rejected.status());
        assertEquals("application/problem+json", rejected.header("Content-Type").orElseThrow().split(";")[0]);
        assertTrue(Long.parseLong(rejected.header("Retry-After").orElseThrow()) >= 1);
        String body = rejected.body();
        assertTrue(body.startsWith("{\"type\":\"https://iana.org/assignments/http-problem-types#quota-exceeded\",\"title\":\"Quota Exceeded\",\"status\":429,"), body);
        assertTrue(body.endsWith(",\"violated-policies\":[\"per-api-key-1\"],\"retry-after\":" + rejected.header("Retry-After").orElseThrow() + "}"), body);
        assertEquals(200, Http.get(base, "api/quote", "X-Api-Key", "key-2").status(), "another key has its own bucket");
    }

    @Test
    void anonymousCallerOfAPrincipalPolicyIsLimitedByAddress() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Http.get(base, "api/report").status());
        }
        assertEquals(429, Http.get(base, "api/report").status());
        // Each server names the anonymous caller its own way (WildFly: "anonymous"); never a bucket of that user.
        try (Jedis redis = TestRedis.server().admin()) {
            assertEquals(Set.of("rate_limit:per-user:ip:" + Http.CLIENT), redis.keys("rate_limit:per-user:*"));
        }
    }
}
