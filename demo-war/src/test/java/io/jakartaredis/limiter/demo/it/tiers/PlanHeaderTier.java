package io.jakartaredis.limiter.demo.it.tiers;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.TierContext;
import io.jakartaredis.limiter.TierResolver;

/**
 * The tier of a call is the {@code X-Plan} header, as a trusted gateway would set it. Only a test
 * may read it like this: the test client plays the gateway. In production a client could send
 * {@code X-Plan: gold} itself; read such a header only behind a gateway that sets it and strips
 * the client's, or look the plan up from the principal. {@code X-Plan: unavailable} stands for a
 * plan lookup that fails.
 */
@ApplicationScoped
public class PlanHeaderTier implements TierResolver {

    @Override
    public String resolve(TierContext call) {
        String plan = call.header("X-Plan").orElse(null);
        if ("unavailable".equals(plan)) {
            throw new IllegalStateException("the plan lookup is unavailable");
        }
        return plan;
    }
}
