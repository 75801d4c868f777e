package io.jakartaredis.limiter.demo.it.remote;

import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

/** Limited behind its remote interface; the hourly limit, the second one, blocks first. */
@Stateless
public class RemoteCounterBean implements RemoteCounter {

    @Override
    @RateLimited(policy = "ejb-remote", limits = "5/1d, 2/1h", key = "global")
    public String call() {
        return "remote";
    }
}
