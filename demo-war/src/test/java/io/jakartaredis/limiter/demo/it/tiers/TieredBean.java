package io.jakartaredis.limiter.demo.it.tiers;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

/** A CDI bean under a policy with tiers. */
@ApplicationScoped
public class TieredBean {

    @RateLimited(policy = "tier-cdi", limits = "2/1h", key = "header:X-Client")
    public String call() {
        return "cdi";
    }
}
