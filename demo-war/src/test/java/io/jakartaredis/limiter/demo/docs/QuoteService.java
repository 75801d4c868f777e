package io.jakartaredis.limiter.demo.docs;

import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

/** The first limited bean of the README's "Add it in 5 minutes". */
@Stateless
public class QuoteService {

    @RateLimited(policy = "per-api-key", limits = "5/1m", key = "header:X-Api-Key")
    public String quote(int index) {
        return "quote " + index;
    }
}
