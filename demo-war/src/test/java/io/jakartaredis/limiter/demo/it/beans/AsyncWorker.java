package io.jakartaredis.limiter.demo.it.beans;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;

import io.jakartaredis.limiter.RateLimited;

@Stateless
public class AsyncWorker {

    @Asynchronous
    @RateLimited(policy = "ejb-async", limits = "2/1h", key = "global")
    public Future<String> work() {
        return CompletableFuture.completedFuture("async");
    }
}
