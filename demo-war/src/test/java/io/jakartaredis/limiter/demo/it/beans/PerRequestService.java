package io.jakartaredis.limiter.demo.it.beans;

import jakarta.enterprise.context.RequestScoped;

import io.jakartaredis.limiter.RateLimited;

/** A new instance, and with it a new interceptor instance, for every request. */
@RequestScoped
public class PerRequestService {

    @RateLimited(policy = "per-request", limits = "1000/1h", key = "global")
    public String call() {
        return "per request";
    }
}
