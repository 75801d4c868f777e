package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * Payara serves MicroProfile Health on the public listener: with Redis unreachable the application
 * deploys, serves by its failure policy, and {@code /health/ready} is DOWN with a stable reason,
 * showing neither the Redis host, its port nor an error text.
 */
@ExtendWith(ArquillianExtension.class)
@DisabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly",
        disabledReason = "WildFly's standalone.xml has no microprofile-health-smallrye")
class ReadinessIT {

    private static final int DEAD_PORT = RedisServer.freePort();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.demoWar("readiness", "limiter.redis.url=redis://127.0.0.1:" + DEAD_PORT + "\n"
                + "limiter.redis.timeout=200ms\n");
    }

    @Test
    void unreachableRedisIsDownWithAStableReasonAndNoInternals() throws MalformedURLException {
        Http.Response health = Http.get(new URL(base, "/"), "health/ready");
        assertEquals(503, health.status(), health.body());
        String body = health.body().replace(" ", "");
        assertTrue(body.contains("\"name\":\"rate-limiter-redis\""), body);
        assertTrue(body.contains("\"reason\":\"unreachable\""), body);
        assertTrue(body.contains("\"circuit\":\"CLOSED\""), body);
        for (String internal : List.of("127.0.0.1", Integer.toString(DEAD_PORT), "Connection", "connect", "EVALSHA",
                "redis://", "error")) {
            assertFalse(body.contains(internal), internal + " shows in " + body);
        }
        assertEquals(200, Http.get(base, "api/quote", "X-Api-Key", "key-1").status(), "the open failure policy serves");
    }
}
