package io.jakartaredis.limiter.demo.it.concurrency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.jakartaredis.limiter.RateLimited;

/** A CDI bean whose calls hold a slot of a concurrency limit of 2 per client until the test opens their gate. */
@ApplicationScoped
public class HoldingBean {

    @Inject
    HeldCalls calls;

    @RateLimited(policy = "conc-bean", concurrency = 2, leaseTimeout = "1m", key = "header:X-Client")
    public String hold(String group) throws InterruptedException {
        return calls.hold(group);
    }

    @RateLimited(policy = "conc-bean", concurrency = 2, leaseTimeout = "1m", key = "header:X-Client")
    public String fail() {
        throw new IllegalStateException("the method failed");
    }
}
