package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.demo.it.shadow.ShadowProbeResource;

/**
 * Policies in shadow mode in the server under test: calls over the limit proceed through an EJB,
 * a CDI bean and a filter rule, counted in the policy's MBean as ShadowRejected and fired as
 * shadow {@code RateLimitRejected} events; the filter sends no RateLimit fields for them. Every
 * client key is unique to the run: the Redis outlives a rerun.
 */
@ExtendWith(ArquillianExtension.class)
class ShadowModeIT {

    private static final int CALLS = 5;
    private static final int CAPACITY = 2;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("shadow", """
                limiter.policy.shadow-ejb.mode=shadow
                limiter.policy.shadow-cdi.mode=shadow
                limiter.policy.per-ip.limits=2/1h
                limiter.policy.per-ip.mode=shadow
                limiter.web.rules.hello.pattern=/api/hello
                limiter.web.rules.hello.policy=per-ip
                limiter.web.legacy-headers=true
                limiter.web.trusted-proxies=127.0.0.2
                """).addPackage(ShadowProbeResource.class.getPackage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ejb", "cdi"})
    void callsOverTheLimitOfAShadowPolicyProceedAndAreCountedApart(String kind) {
        String client = "shadow-" + UUID.randomUUID();
        for (int i = 0; i < CALLS; i++) {
            assertEquals("allowed " + kind, Http.get(base, "api/shadow-probe/call/" + kind, "X-Client", client).body(), "call " + i);
        }
        assertEquals("mode=shadow admitted=" + CALLS + " rejected=0 shadowRejected=" + (CALLS - CAPACITY)
                        + " shadowEvents=" + (CALLS - CAPACITY) + " enforcedEvents=0",
                Http.get(base, "api/shadow-probe/stats/shadow-" + kind).body());
    }

    @Test
    void theFilterLetsRequestsOverAShadowRuleThroughWithoutRateLimitFields() {
        String client = Http.randomClientAddress();
        for (int i = 0; i < CALLS; i++) {
            Http.Response response = Http.request("GET", Http.TRUSTED_PROXY, base, "api/hello", "X-Forwarded-For", client);
            assertEquals(200, response.status(), "request " + i);
            assertFalse(response.header("RateLimit").isPresent(), "request " + i);
            assertFalse(response.header("RateLimit-Policy").isPresent(), "request " + i);
            assertFalse(response.header("X-RateLimit-Remaining").isPresent(), "request " + i);
        }
        assertEquals("mode=shadow admitted=" + CALLS + " rejected=0 shadowRejected=" + (CALLS - CAPACITY)
                        + " shadowEvents=" + (CALLS - CAPACITY) + " enforcedEvents=0",
                Http.get(base, "api/shadow-probe/stats/per-ip").body());
    }
}
