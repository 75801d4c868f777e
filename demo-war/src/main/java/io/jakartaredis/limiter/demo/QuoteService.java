package io.jakartaredis.limiter.demo;

import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

/** An EJB whose business method is limited per API key (header {@code X-Api-Key}). */
@Stateless
public class QuoteService {

    private static final String[] QUOTES = {
        "Simplicity is prerequisite for reliability.",
        "Make it work, make it right, make it fast.",
        "Premature optimization is the root of all evil."
    };

    @RateLimited(policy = "per-api-key", limits = "5/1m", key = "header:X-Api-Key")
    public String quote(int index) {
        return QUOTES[Math.floorMod(index, QUOTES.length)];
    }
}
