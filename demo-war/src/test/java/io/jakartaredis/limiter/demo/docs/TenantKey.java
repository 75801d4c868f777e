package io.jakartaredis.limiter.demo.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.InvocationContext;

import io.jakartaredis.limiter.KeyResolver;

/** Keys a call by its first argument, the tenant. */
@ApplicationScoped
public class TenantKey implements KeyResolver {

    @Override
    public String resolve(InvocationContext call) {
        return "tenant:" + call.getParameters()[0];
    }
}
