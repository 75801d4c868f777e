package io.jakartaredis.limiter.demo.it.unmanaged;

import io.jakartaredis.limiter.RateLimited;

/** No bean (the archive discovers annotated beans only): intercepted through InterceptionFactory. */
public class UnmanagedGreeter {

    @RateLimited(policy = "unmanaged", key = "global")
    public String greet() {
        return "hello";
    }
}
