package io.jakartaredis.limiter.demo.it.shadow;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

/** A CDI bean under a policy that the test configures in shadow mode. */
@ApplicationScoped
public class ShadowedBean {

    @RateLimited(policy = "shadow-cdi", limits = "2/1h", key = "header:X-Client")
    public String call() {
        return "cdi";
    }
}
