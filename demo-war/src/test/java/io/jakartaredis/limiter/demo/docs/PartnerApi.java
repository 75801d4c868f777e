package io.jakartaredis.limiter.demo.docs;

import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

/** Callers wait for their slot of the partner's limit. */
@Stateless
public class PartnerApi {

    // 100 calls per minute for the whole cluster; a caller waits up to 5 s for its slot
    @RateLimited(policy = "partner", limits = "100/1m", key = "global", maxWait = "5s")
    public Quote fetch(String id) {
        return new Quote(id);
    }
}
