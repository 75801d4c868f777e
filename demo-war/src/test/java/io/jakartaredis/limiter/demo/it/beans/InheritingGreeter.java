package io.jakartaredis.limiter.demo.it.beans;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

/** Limited on the type, and declares no method of its own: {@link Greeter#greet()} is limited here. */
@ApplicationScoped
@RateLimited(policy = "inherited", limits = "2/1h", key = "global")
public class InheritingGreeter extends Greeter {
}
