package io.jakartaredis.limiter.cdi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import io.jakartaredis.limiter.KeyResolver;

/**
 * The {@link KeyResolver} beans of the application, each looked up once and shared by every call.
 * A lookup per call would create, and never destroy, one instance of a {@code @Dependent} resolver
 * per call; here the dependent ones live as long as the application and are destroyed with it.
 */
@ApplicationScoped
public class KeyResolvers {

    /** One looked-up resolver and the handle that destroys it. */
    private record Resolved(KeyResolver resolver, Instance.Handle<? extends KeyResolver> handle) {
    }

    private final Map<Class<? extends KeyResolver>, Resolved> resolved = new ConcurrentHashMap<>();

    KeyResolver of(Class<? extends KeyResolver> type) {
        return resolved.computeIfAbsent(type, KeyResolvers::lookUp).resolver();
    }

    private static Resolved lookUp(Class<? extends KeyResolver> type) {
        // The application's container: this library's own bean archive need not see its beans.
        Instance.Handle<? extends KeyResolver> handle = CDI.current().select(type).getHandle();
        return new Resolved(handle.get(), handle);
    }

    /** Normal-scoped resolvers belong to their contexts, which destroy them; only dependent ones are ours. */
    @PreDestroy
    void destroyDependentResolvers() {
        for (Resolved each : resolved.values()) {
            if (each.handle().getBean().getScope() == Dependent.class) {
                each.handle().destroy();
            }
        }
        resolved.clear();
    }
}
