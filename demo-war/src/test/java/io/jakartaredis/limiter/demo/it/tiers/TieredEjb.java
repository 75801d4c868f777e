package io.jakartaredis.limiter.demo.it.tiers;

import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

/** An EJB under a policy with tiers. */
@Stateless
public class TieredEjb {

    @RateLimited(policy = "tier-ejb", limits = "2/1h", key = "header:X-Client")
    public String call() {
        return "ejb";
    }
}
