package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.jakartaredis.limiter.demo.it.resolvers.CallsAtStartup;
import io.jakartaredis.limiter.demo.it.resolvers.CountingKey;
import redis.clients.jedis.Jedis;

/** A {@code @Dependent} key resolver is created once for all calls and destroyed when the application stops. */
@ExtendWith(ArquillianExtension.class)
class KeyResolverLifecycleIT {

    private static final String LIFECYCLE = "key-resolver-lifecycle";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = LIFECYCLE, managed = false, testable = false)
    static WebArchive lifecycle() {
        return Deployments.demoWar(LIFECYCLE, "").addPackage(CountingKey.class.getPackage());
    }

    @Test
    void dependentResolverIsCreatedOnceForAHundredCallsAndDestroyedWithTheApplication() throws InterruptedException {
        try (Jedis redis = TestRedis.server().admin()) {
            redis.del(CountingKey.CREATED, CountingKey.DESTROYED, CallsAtStartup.MADE);
            deployer.deploy(LIFECYCLE);
            try {
                assertEquals(Integer.toString(CallsAtStartup.CALLS), redis.get(CallsAtStartup.MADE));
                assertEquals("1", redis.get(CountingKey.CREATED), "one resolver for every call");
                assertNull(redis.get(CountingKey.DESTROYED), "still in use");
            } finally {
                deployer.undeploy(LIFECYCLE);
            }
            assertEquals("1", awaitValue(redis, CountingKey.DESTROYED), "destroyed with the application");
        }
    }

    /** Payara Micro's undeployment only signals its JVM to stop; the application stops a little later. */
    private static String awaitValue(Jedis redis, String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String value = redis.get(key);
        while (value == null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            value = redis.get(key);
        }
        return value;
    }
}
