package io.jakartaredis.limiter.demo.it.shadow;

import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

/** An EJB under a policy that the test configures in shadow mode. */
@Stateless
public class ShadowedEjb {

    @RateLimited(policy = "shadow-ejb", limits = "2/1h", key = "header:X-Client")
    public String call() {
        return "ejb";
    }
}
