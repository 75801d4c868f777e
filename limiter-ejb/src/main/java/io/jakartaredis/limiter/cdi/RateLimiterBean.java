package io.jakartaredis.limiter.cdi;

import java.lang.System.Logger.Level;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.core.RedisRateLimiter;

/**
 * The application's {@link RateLimiter}: takes the configuration that {@link RateLimitedExtension}
 * validated at deployment, connects when the application starts, and owns the connection pool
 * until it stops.
 */
@ApplicationScoped
public class RateLimiterBean implements RateLimiter {

    private static final System.Logger LOG = System.getLogger(RateLimiterBean.class.getName());

    @Inject
    RateLimitedExtension extension;

    private RedisRateLimiter limiter;

    @PostConstruct
    void start() {
        LimiterConfig limiterConfig = extension.config();
        LOG.log(Level.INFO, "Rate limiter on {0} with policies {1}", limiterConfig.redis(),
                limiterConfig.policies().values());
        limiter = RedisRateLimiter.connect(limiterConfig);
    }

    /** Starts the limiter with the application rather than at the first request, so bad configuration stops deployment. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Calling this observer instantiates the bean; nothing else to do.
    }

    @Override
    public Decision tryAcquire(String policy, String clientKey, int cost) {
        return limiter.tryAcquire(policy, clientKey, cost);
    }

    @Override
    public PolicyConfig policy(String name) {
        return limiter.policy(name);
    }

    @PreDestroy
    void stop() {
        limiter.close();
    }
}
