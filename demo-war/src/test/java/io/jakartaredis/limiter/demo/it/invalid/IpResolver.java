package io.jakartaredis.limiter.demo.it.invalid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.InvocationContext;

import io.jakartaredis.limiter.KeyResolver;

/** A resolver bean that {@link ApiKeyResolver}, a bean too, extends: its type resolves to both. */
@ApplicationScoped
public class IpResolver implements KeyResolver {

    @Override
    public String resolve(InvocationContext invocation) {
        return "ip";
    }
}
