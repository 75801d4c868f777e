package io.jakartaredis.limiter.demo.it.beans;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

/** Its annotation allows 1000 per hour; the test's configuration lowers that to 2. */
@ApplicationScoped
public class OverriddenService {

    @RateLimited(policy = "overridden", limits = "1000/1h", key = "global")
    public String call() {
        return "overridden";
    }
}
