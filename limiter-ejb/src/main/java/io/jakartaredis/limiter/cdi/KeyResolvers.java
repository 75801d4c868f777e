package io.jakartaredis.limiter.cdi;

import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.InvocationContext;

import io.jakartaredis.limiter.KeyResolver;

/** The {@link KeyResolver} beans of the application, each looked up once and shared by every call ({@link SharedResolvers}). */
@ApplicationScoped
public class KeyResolvers {

    private final SharedResolvers<KeyResolver> resolvers;

    public KeyResolvers() {
        this(SharedResolvers::lookUpBean);
    }

    KeyResolvers(Function<Class<? extends KeyResolver>, SharedResolvers.Resolved<KeyResolver>> lookUp) {
        this.resolvers = new SharedResolvers<>(lookUp);
    }

    /** The key that the resolver of this type gives for the call. */
    String resolve(Class<? extends KeyResolver> type, InvocationContext call) {
        return resolvers.apply(type, resolver -> resolver.resolve(call));
    }

    @PreDestroy
    void destroyDependentResolvers() {
        resolvers.destroyDependentResolvers();
    }
}
