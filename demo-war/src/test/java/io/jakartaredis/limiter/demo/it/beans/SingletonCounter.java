package io.jakartaredis.limiter.demo.it.beans;

import jakarta.ejb.Singleton;

import io.jakartaredis.limiter.RateLimited;

@Singleton
public class SingletonCounter {

    @RateLimited(policy = "ejb-singleton", limits = "2/1h", key = "global")
    public String call() {
        return "singleton";
    }
}
