package io.jakartaredis.limiter.demo.it.tiers;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.TierContext;
import io.jakartaredis.limiter.TierResolver;

/** The tier of a call is the {@code X-Plan} header, as a trusted gateway would set it. */
@ApplicationScoped
public class PlanHeaderTier implements TierResolver {

    @Override
    public String resolve(TierContext call) {
        return call.header("X-Plan").orElse(null);
    }
}
