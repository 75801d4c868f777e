package io.jakartaredis.limiter.demo.it.invalid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.InvocationContext;

import io.jakartaredis.limiter.KeyResolver;

/** A key resolver bean with a qualifier only: no {@code @Default} bean has its type. */
@ApplicationScoped
@Tenant
public class QualifiedResolver implements KeyResolver {

    @Override
    public String resolve(InvocationContext invocation) {
        return "tenant";
    }
}
