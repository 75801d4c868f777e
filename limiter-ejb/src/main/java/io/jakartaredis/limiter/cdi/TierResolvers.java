package io.jakartaredis.limiter.cdi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TierContext;
import io.jakartaredis.limiter.TierResolver;

/**
 * The tier of a call, for the interceptor and the servlet filter alike: asks the policy's
 * {@link TierResolver}, chosen at deployment ({@link TierResolverChoices}). Each resolver is looked
 * up once and shared by every call, with the lifecycle of {@link KeyResolvers}: a {@code @Dependent}
 * one lives as long as the application and is destroyed with it; it is created outside any lock,
 * and of two created at once one is kept and the other destroyed; once the application stops, each
 * call creates its resolver and destroys it after use.
 */
@ApplicationScoped
public class TierResolvers {

    /** One looked-up resolver; {@code destroy} is set when it is ours to destroy (a dependent one). */
    record Resolved(TierResolver resolver, Runnable destroy) {

        void destroyIfOurs() {
            if (destroy != null) {
                destroy.run();
            }
        }
    }

    @Inject
    RateLimitedExtension extension;

    private final Function<Class<? extends TierResolver>, Resolved> lookUp;
    private final Map<Class<? extends TierResolver>, Resolved> resolved = new ConcurrentHashMap<>();
    private boolean stopped; // guarded by this

    public TierResolvers() {
        this(TierResolvers::lookUp);
    }

    TierResolvers(Function<Class<? extends TierResolver>, Resolved> lookUp) {
        this.lookUp = lookUp;
    }

    /**
     * Fails the deployment when the policy has tiers but no resolver to choose them, for the filter
     * rules and the {@code @RateLimited} methods that use it.
     *
     * @throws io.jakartaredis.limiter.config.InvalidConfigurationException naming {@code limiter.policy.<name>.tier-resolver}
     */
    public void checkResolvable(String policy) {
        extension.tierResolverChoices().resolverOf(policy);
    }

    /**
     * The tier that the policy's resolver chooses, {@link Decision#DEFAULT_TIER} for a policy
     * without tiers (whose call context is then never made). What the resolver answers goes to the
     * limiter as it is: {@code null}, blank and unknown names mean the policy's own limits there.
     *
     * @param call what is known of the call, made only when a resolver asks
     */
    public String tierOf(String policy, Supplier<TierContext> call) {
        Class<? extends TierResolver> type = extension.tierResolverChoices().resolverOf(policy);
        if (type == null) {
            return Decision.DEFAULT_TIER;
        }
        String tier = resolve(type, call.get());
        return tier == null ? Decision.DEFAULT_TIER : tier;
    }

    private String resolve(Class<? extends TierResolver> type, TierContext call) {
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
    private synchronized Resolved keep(Class<? extends TierResolver> type, Resolved fresh) {
        if (stopped) {
            return null;
        }
        Resolved earlier = resolved.putIfAbsent(type, fresh);
        return earlier == null ? fresh : earlier;
    }

    private static Resolved lookUp(Class<? extends TierResolver> type) {
        // The application's container: this library's own bean archive need not see its beans.
        Instance.Handle<? extends TierResolver> handle = CDI.current().select(type).getHandle();
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
