package io.jakartaredis.limiter.demo.it.unmanaged;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.jakartaredis.limiter.RateLimitExceededException;
import redis.clients.jedis.Jedis;

/**
 * Calls the intercepted {@link UnmanagedGreeter} {@link #CALLS} times while the application starts
 * and writes the outcomes to the test Redis (Payara Micro runs each deployment in a JVM of its own).
 */
@ApplicationScoped
public class GreetsAtStartup {

    public static final int CALLS = 5;
    public static final String ADMITTED = "it:unmanaged:admitted";
    public static final String REJECTED = "it:unmanaged:rejected";
    public static final String FAILED = "it:unmanaged:failed";

    void greet(@Observes @Initialized(ApplicationScoped.class) Object started, UnmanagedGreeter greeter) {
        int admitted = 0;
        int rejected = 0;
        String failed = null;
        for (int i = 0; i < CALLS; i++) {
            try {
                greeter.greet();
                admitted++;
            } catch (RateLimitExceededException e) {
                rejected++;
            } catch (RuntimeException e) {
                failed = e.toString();
            }
        }
        String url = ConfigProvider.getConfig().getValue("limiter.redis.url", String.class);
        try (Jedis redis = new Jedis(URI.create(url))) {
            redis.set(ADMITTED, Integer.toString(admitted));
            redis.set(REJECTED, Integer.toString(rejected));
            if (failed != null) {
                redis.set(FAILED, failed);
            }
        }
    }
}
