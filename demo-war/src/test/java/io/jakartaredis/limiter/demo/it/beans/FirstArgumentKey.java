package io.jakartaredis.limiter.demo.it.beans;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.InvocationContext;

import io.jakartaredis.limiter.KeyResolver;

@ApplicationScoped
public class FirstArgumentKey implements KeyResolver {

    @Override
    public String resolve(InvocationContext invocation) {
        return "tenant:" + invocation.getParameters()[0];
    }
}
