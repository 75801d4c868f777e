package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.jakartaredis.limiter.demo.it.unmanaged.GreetsAtStartup;
import redis.clients.jedis.Jedis;

/** A target that never was a bean ({@code InterceptionFactory}) is limited by the binding of its calls. */
@ExtendWith(ArquillianExtension.class)
class UnmanagedTargetIT {

    private static final String UNMANAGED = "unmanaged-target";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = UNMANAGED, managed = false, testable = false)
    static WebArchive unmanaged() {
        return Deployments.demoWar(UNMANAGED, "limiter.policy.unmanaged.limits=2/1h\n")
                .addPackage(GreetsAtStartup.class.getPackage());
    }

    @Test
    void anInterceptedInstanceOfAClassThatIsNoBeanIsLimitedByItsAnnotation() {
        try (Jedis redis = TestRedis.server().admin()) {
            redis.del(GreetsAtStartup.ADMITTED, GreetsAtStartup.REJECTED, GreetsAtStartup.FAILED);
            redis.keys("*unmanaged*").forEach(redis::del);
            deployer.deploy(UNMANAGED);
            try {
                assertNull(redis.get(GreetsAtStartup.FAILED), "no call fails");
                assertEquals("2", redis.get(GreetsAtStartup.ADMITTED));
                assertEquals("3", redis.get(GreetsAtStartup.REJECTED));
            } finally {
                deployer.undeploy(UNMANAGED);
            }
        }
    }
}
