package io.jakartaredis.limiter.cdi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.interceptor.InvocationContext;

import io.jakartaredis.limiter.KeyResolver;

/**
 * The {@link KeyResolver} beans of the application, each looked up once and shared by every call.
 * A lookup per call would create, and never destroy, one instance of a {@code @Dependent} resolver
 * per call; here the dependent ones live as long as the application and are destroyed with it.
 *
 * <p>A resolver is created outside any lock or map update: its {@code @PostConstruct} may itself
 * call a rate-limited method. Of two created at once, one is kept and the other destroyed. Once
 * the application stops, each call creates its resolver and destroys it after use.
 */
@ApplicationScoped
public class KeyResolvers {

    /** One looked-up resolver; {@code destroy} is set when it is ours to destroy (a dependent one). */
    record Resolved(KeyResolver resolver, Runnable destroy) {

        void destroyIfOurs() {
            if (destroy != null) {
                destroy.run();
            }
        }
    }

    private final Function<Class<? extends KeyResolver>, Resolved> lookUp;
    private final Map<Class<? extends KeyResolver>, Resolved> resolved = new ConcurrentHashMap<>();
    private boolean stopped; // guarded by this

    public KeyResolvers() {
        this(KeyResolvers::lookUp);
    }

    KeyResolvers(Function<Class<? extends KeyResolver>, Resolved> lookUp) {
        this.lookUp = lookUp;
    }

    /** The key that the resolver of this type gives for the call. */
    String resolve(Class<? extends KeyResolver> type, InvocationContext call) {
        Resolved cached = resolved.get(type);
        if (cached != null) {
            return cached.resolver().resolve(call);
        }
        Resolved fresh = lookUp.apply(type);
        Resolved kept = keep(type, fresh);
        try {
            return (kept == null ? fresh : kept).resolver().resolve(call);
        } finally {
            if (kept != fresh) {
                fresh.destroyIfOurs();
            }
        }
    }

    /** @return the resolver kept for the type, {@code fresh} or an earlier one; {@code null} once stopped */
    private synchronized Resolved keep(Class<? extends KeyResolver> type, Resolved fresh) {
        if (stopped) {
            return null;
        }
        Resolved earlier = resolved.putIfAbsent(type, fresh);
        return earlier == null ? fresh : earlier;
    }

    private static Resolved lookUp(Class<? extends KeyResolver> type) {
        // The application's container: this library's own bean archive need not see its beans.
        Instance.Handle<? extends KeyResolver> handle = CDI.current().select(type).getHandle();
        // Normal-scoped resolvers belong to their contexts, which destroy them; only dependent ones are ours.
        boolean ours = handle.getBean().getScope() == Dependent.class;
        return new Resolved(handle.get(), ours ? handle::destroy : null);
    }

    @PreDestroy
    void destroyDependentResolvers() {
        List<Resolved> ours;
        synchronized (this) {
            stopped = true;
            ours = List.copyOf(resolved.values());
            resolved.clear();
        }
        ours.forEach(Resolved::destroyIfOurs);
    }
}
