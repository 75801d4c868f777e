package io.jakartaredis.limiter.demo.it.invalid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.InvocationContext;

/** Makes {@link IpResolver} ambiguous. */
@ApplicationScoped
public class ApiKeyResolver extends IpResolver {

    @Override
    public String resolve(InvocationContext invocation) {
        return "api-key";
    }
}
