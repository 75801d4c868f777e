package io.jakartaredis.limiter.demo.docs;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

/** Reports limited per tenant, which {@link TenantKey} reads from the argument. */
@ApplicationScoped
public class TenantReports {

    @RateLimited(policy = "per-tenant", limits = "100/1m", keyResolver = TenantKey.class)
    public Report build(String tenant) {
        return new Report("report of " + tenant);
    }
}
