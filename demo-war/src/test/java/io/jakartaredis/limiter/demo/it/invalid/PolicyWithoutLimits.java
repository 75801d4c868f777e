package io.jakartaredis.limiter.demo.it.invalid;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

/** Names a policy that has limits neither in the configuration nor in an annotation. */
@ApplicationScoped
public class PolicyWithoutLimits {

    @RateLimited(policy = "no-limits")
    public String call() {
        return "called";
    }
}
