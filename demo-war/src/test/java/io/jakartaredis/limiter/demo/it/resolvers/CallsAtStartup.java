package io.jakartaredis.limiter.demo.it.resolvers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Calls the limited service {@link #CALLS} times while the application starts, inside the server:
 * Payara Micro runs each test deployment in a JVM of its own, on a port the test cannot know.
 */
@ApplicationScoped
public class CallsAtStartup {

    public static final int CALLS = 100;
    public static final String MADE = "it:counting-key:calls";

    void call(@Observes @Initialized(ApplicationScoped.class) Object started, CountedService service) {
        for (int i = 0; i < CALLS; i++) {
            service.call();
        }
        RedisCounters.add(MADE, CALLS);
    }
}
