package io.jakartaredis.limiter.demo.it.invalid;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

/** Names a key resolver type that two beans have. */
@ApplicationScoped
public class AmbiguousResolverService {

    @RateLimited(policy = "ambiguous-resolver", limits = "5/1m", keyResolver = IpResolver.class)
    public String call() {
        return "called";
    }
}
