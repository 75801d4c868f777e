package io.jakartaredis.limiter.demo.it.ear;

import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

/** A session bean of the EAR's EJB module. */
@Stateless
public class EarQuoteService {

    @RateLimited(policy = "ear-ejb", limits = "2/1h", key = "global")
    public String quote() {
        return "quote from the EJB module";
    }
}
