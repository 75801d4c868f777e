package io.jakartaredis.limiter.cdi;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TierContext;
import io.jakartaredis.limiter.TierResolver;

/**
 * The tier of a call, for the interceptor and the servlet filter alike: asks the policy's
 * {@link TierResolver}, chosen at deployment ({@link TierResolverChoices}), each looked up once and
 * shared by every call ({@link SharedResolvers}). A resolver that throws (a database down, a
 * request-scoped bean outside a request) gives the policy's own limits, the default tier, logged
 * by {@link TierResolverFailureLog}: the call is still limited in Redis, and the client's other
 * tiers' entries are kept (a tier change costs a client only the calls made under it).
 */
@ApplicationScoped
public class TierResolvers {

    @Inject
    RateLimitedExtension extension;

    private final Function<String, Class<? extends TierResolver>> choices;
    private final SharedResolvers<TierResolver> resolvers;
    private final TierResolverFailureLog failures;

    public TierResolvers() {
        this.choices = policy -> extension.tierResolverChoices().resolverOf(policy);
        this.resolvers = new SharedResolvers<>(SharedResolvers::lookUpBean);
        this.failures = new TierResolverFailureLog(System::nanoTime);
    }

    /** @param choices the resolver class of a policy, {@code null} for a policy without tiers */
    TierResolvers(Function<String, Class<? extends TierResolver>> choices,
                  Function<Class<? extends TierResolver>, SharedResolvers.Resolved<TierResolver>> lookUp,
                  TierResolverFailureLog failures) {
        this.choices = choices;
        this.resolvers = new SharedResolvers<>(lookUp);
        this.failures = failures;
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
     * without tiers (whose call context is then never made) and when the resolver (or making the
     * call context) throws a {@link RuntimeException}, which is logged, never rethrown. What the
     * resolver answers goes to the limiter as it is: {@code null}, blank and unknown names mean the
     * policy's own limits there.
     *
     * @param call what is known of the call, made only when a resolver asks
     */
    public String tierOf(String policy, Supplier<TierContext> call) {
        Class<? extends TierResolver> type = choices.apply(policy);
        if (type == null) {
            return Decision.DEFAULT_TIER;
        }
        String tier;
        try {
            tier = resolvers.apply(type, resolver -> resolver.resolve(call.get()));
        } catch (RuntimeException e) {
            failures.failed(policy, type, e);
            return Decision.DEFAULT_TIER;
        }
        return tier == null ? Decision.DEFAULT_TIER : tier;
    }

    @PreDestroy
    void destroyDependentResolvers() {
        resolvers.destroyDependentResolvers();
    }
}
