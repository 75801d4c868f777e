package io.jakartaredis.limiter.demo.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.jakartaredis.limiter.TierContext;
import io.jakartaredis.limiter.TierResolver;

/** The tier of each call: the plan of the authenticated user. */
@ApplicationScoped
public class PlanTier implements TierResolver {
    @Inject
    Plans plans; // the application's own lookup, cached by it

    public String resolve(TierContext call) {
        // the principal's plan; a header only when a trusted gateway sets it and strips the client's
        return call.principal().map(user -> plans.of(user.getName())).orElse(null);
    }
}
