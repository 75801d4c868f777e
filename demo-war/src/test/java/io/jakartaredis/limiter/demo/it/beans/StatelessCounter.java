package io.jakartaredis.limiter.demo.it.beans;

import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

@Stateless
public class StatelessCounter {

    @RateLimited(policy = "ejb-stateless", limits = "2/1h", key = "global")
    public String call() {
        return "stateless";
    }
}
