package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import io.jakartaredis.limiter.demo.it.remote.RemoteResource;

/**
 * A rejection thrown behind a {@code @Remote} interface crosses the call by value (serialized) and
 * must still carry its decision, so the JAX-RS mapper answers 429, not 500. On WildFly here;
 * Payara Micro has no ORB and deploys no remote views, so Payara Server proves the same in
 * {@link EarOnPayaraServerIT}.
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly",
        disabledReason = "Payara Micro deploys no @Remote views; EarOnPayaraServerIT runs this on Payara Server")
@ExtendWith(ArquillianExtension.class)
class RemoteInterfaceIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("remote", "").addPackage(RemoteResource.class.getPackage());
    }

    @Test
    void aRejectionPassedByValueThroughARemoteInterfaceAnswers429WithItsHeaders() {
        assertRemoteRejectionAnswers429(base);
    }

    /** Two calls pass {@code 5/1d, 2/1h}; the third is rejected by the hourly limit, the second. */
    static void assertRemoteRejectionAnswers429(URL base) {
        assertEquals("remote", Http.get(base, "api/remote").body());
        assertEquals("remote", Http.get(base, "api/remote").body());
        Http.Response rejected = Http.get(base, "api/remote");
        assertEquals(429, rejected.status(), rejected.body());
        assertEquals("application/problem+json", rejected.header("Content-Type").orElseThrow().split(";")[0]);
        String rateLimit = rejected.header("RateLimit").orElseThrow();
        assertTrue(rateLimit.startsWith("\"ejb-remote-2\";r=0;t="), "names the hourly limit: " + rateLimit);
        long retryAfter = Long.parseLong(rejected.header("Retry-After").orElseThrow());
        assertTrue(retryAfter > 1_700 && retryAfter <= 1_800, "about half an hour: " + retryAfter);
    }
}
