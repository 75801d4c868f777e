package io.jakartaredis.limiter.demo.it.ear;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import io.jakartaredis.limiter.demo.it.remote.RemoteResource;
import io.jakartaredis.limiter.web.RateLimitExceededMapper;

/** JAX-RS scans the WAR, not the EAR's lib/: the mapper from there is listed explicitly. */
@ApplicationPath("/api")
public class EarApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(EarResource.class, RemoteResource.class, RateLimitExceededMapper.class);
    }
}
