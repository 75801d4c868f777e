package io.jakartaredis.limiter.demo.it.resolvers;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

@ApplicationScoped
public class CountedService {

    @RateLimited(policy = "counted", limits = "1000/1h", keyResolver = CountingKey.class)
    public void call() {
    }
}
