package io.jakartaredis.limiter.demo.it.beans;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

/** A plain CDI bean whose key is a method argument, chosen by a custom resolver. */
@ApplicationScoped
public class TenantService {

    @RateLimited(policy = "per-tenant", limits = "2/1h", keyResolver = FirstArgumentKey.class)
    public String serve(String tenant) {
        return "served " + tenant;
    }
}
