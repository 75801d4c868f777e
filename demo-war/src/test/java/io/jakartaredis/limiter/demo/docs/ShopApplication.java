package io.jakartaredis.limiter.demo.docs;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import io.jakartaredis.limiter.web.RateLimitExceededMapper;
import io.jakartaredis.limiter.web.RateLimiterUnavailableMapper;

/** A JAX-RS application that lists its classes, and so must list the limiter's exception mappers. */
@ApplicationPath("/api")
public class ShopApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ShopResource.class, RateLimitExceededMapper.class, RateLimiterUnavailableMapper.class);
    }
}
