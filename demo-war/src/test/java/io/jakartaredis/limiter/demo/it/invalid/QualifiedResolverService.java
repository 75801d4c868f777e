package io.jakartaredis.limiter.demo.it.invalid;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

/** Names a key resolver whose only bean is qualified. */
@ApplicationScoped
public class QualifiedResolverService {

    @RateLimited(policy = "qualified-resolver", limits = "5/1m", keyResolver = QualifiedResolver.class)
    public String call() {
        return "called";
    }
}
