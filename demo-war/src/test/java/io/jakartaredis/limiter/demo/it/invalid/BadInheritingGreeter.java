package io.jakartaredis.limiter.demo.it.invalid;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;
import io.jakartaredis.limiter.demo.it.beans.Greeter;

/** An invalid key on the type, which applies only to the inherited {@link Greeter#greet()}. */
@ApplicationScoped
@RateLimited(policy = "bad-inherited", limits = "2/1h", key = "cookie")
public class BadInheritingGreeter extends Greeter {
}
