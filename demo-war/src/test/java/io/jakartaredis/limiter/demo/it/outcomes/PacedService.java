package io.jakartaredis.limiter.demo.it.outcomes;

import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

/** Calls that wait for their tokens rather than being rejected, up to 3 s. */
@Stateless
public class PacedService {

    /** Two at once, then one every 500 ms: every wait fits in 3 s. */
    @RateLimited(policy = "paced", limits = "2/1s", key = "header:X-Client", maxWait = "3s")
    public String paced() {
        return "paced";
    }

    /** One per 10 s: a second call would wait longer than 3 s, so it is rejected at once. */
    @RateLimited(policy = "sparse", limits = "1/10s", key = "header:X-Client", maxWait = "3s")
    public String sparse() {
        return "sparse";
    }
}
