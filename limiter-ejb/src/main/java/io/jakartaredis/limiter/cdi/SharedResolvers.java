package io.jakartaredis.limiter.cdi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Resolver beans of one kind ({@code KeyResolver}, {@code TierResolver}), each looked up once and
 * shared by every call. A lookup per call would create, and never destroy, one instance of a
 * {@code @Dependent} resolver per call; here the dependent ones live as long as the application
 * and are destroyed with it ({@link #destroyDependentResolvers}).
 *
 * <p>A resolver is created outside any lock or map update: its {@code @PostConstruct} may itself
 * call a rate-limited method. Of two created at once, one is kept and the other destroyed. Once
 * the application stops, each call creates its resolver and destroys it after use.
 *
 * @param <R> the resolver interface
 */
final class SharedResolvers<R> {

    /** One looked-up resolver; {@code destroy} is set when it is ours to destroy (a dependent one). */
    record Resolved<R>(R resolver, Runnable destroy) {

        void destroyIfOurs() {
            if (destroy != null) {
                destroy.run();
            }
        }
    }

    private final Function<Class<? extends R>, Resolved<R>> lookUp;
    private final Map<Class<? extends R>, Resolved<R>> resolved = new ConcurrentHashMap<>();
    private boolean stopped; // guarded by this

    /** @param lookUp creates the resolver of a type, {@link #lookUpBean} in the container */
    SharedResolvers(Function<Class<? extends R>, Resolved<R>> lookUp) {
        this.lookUp = lookUp;
    }

    /** What {@code use} answers with the resolver of this type. */
    <T> T apply(Class<? extends R> type, Function<R, T> use) {
        Resolved<R> cached = resolved.get(type);
        if (cached != null) {
            return use.apply(cached.resolver());
        }
        Resolved<R> fresh = lookUp.apply(type);
        Resolved<R> kept = keep(type, fresh);
        try {
            return use.apply((kept == null ? fresh : kept).resolver());
        } finally {
            if (kept != fresh) {
                fresh.destroyIfOurs();
            }
        }
    }

    /** @return the resolver kept for the type, {@code fresh} or an earlier one; {@code null} once stopped */
    private synchronized Resolved<R> keep(Class<? extends R> type, Resolved<R> fresh) {
        if (stopped) {
            return null;
        }
        Resolved<R> earlier = resolved.putIfAbsent(type, fresh);
        return earlier == null ? fresh : earlier;
    }

    /** The bean of that type in the application's container (this library's own bean archive need not see it). */
    static <R> Resolved<R> lookUpBean(Class<? extends R> type) {
        Instance.Handle<? extends R> handle = CDI.current().select(type).getHandle();
        // Normal-scoped resolvers belong to their contexts, which destroy them; only dependent ones are ours.
        boolean ours = handle.getBean().getScope() == Dependent.class;
        return new Resolved<>(handle.get(), ours ? handle::destroy : null);
    }

    /** Destroys the dependent resolvers kept; later calls create and destroy their own. */
    void destroyDependentResolvers() {
        List<Resolved<R>> ours;
        synchronized (this) {
            stopped = true;
            ours = List.copyOf(resolved.values());
            resolved.clear();
        }
        ours.forEach(Resolved::destroyIfOurs);
    }
}
