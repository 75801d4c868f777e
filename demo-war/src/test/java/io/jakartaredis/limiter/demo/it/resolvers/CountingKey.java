package io.jakartaredis.limiter.demo.it.resolvers;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.interceptor.InvocationContext;

import io.jakartaredis.limiter.KeyResolver;

/**
 * A dependent key resolver that counts its constructions and destructions in the test Redis
 * ({@link #CREATED}, {@link #DESTROYED}).
 */
@Dependent
public class CountingKey implements KeyResolver {

    public static final String CREATED = "it:counting-key:created";
    public static final String DESTROYED = "it:counting-key:destroyed";

    @PostConstruct
    void created() {
        RedisCounters.add(CREATED, 1);
    }

    @PreDestroy
    void destroyed() {
        RedisCounters.add(DESTROYED, 1);
    }

    @Override
    public String resolve(InvocationContext invocation) {
        return "counted";
    }
}
