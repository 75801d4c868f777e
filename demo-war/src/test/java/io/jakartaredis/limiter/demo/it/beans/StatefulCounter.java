package io.jakartaredis.limiter.demo.it.beans;

import jakarta.ejb.Stateful;

import io.jakartaredis.limiter.RateLimited;

/** Limited on the type: every business method shares the policy. */
@Stateful
@RateLimited(policy = "ejb-stateful", limits = "2/1h", key = "global")
public class StatefulCounter {

    public String call() {
        return "stateful";
    }
}
