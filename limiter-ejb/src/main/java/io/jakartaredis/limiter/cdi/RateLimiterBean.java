package io.jakartaredis.limiter.cdi;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitRejected;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.core.RedisReadiness;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.metrics.MetricsPublisher;
import io.jakartaredis.limiter.metrics.PolicyMBeans;
import io.jakartaredis.limiter.resilience.CircuitBreaker;

/**
 * The application's {@link RateLimiter}: takes the configuration that {@link RateLimitedExtension}
 * validated at deployment, connects when the application starts, registers the policies' MBeans
 * and publishes them to the server's metrics API if it has one,
 * fires {@link RateLimitRejected} events, and owns the connection pool until it stops.
 */
@ApplicationScoped
public class RateLimiterBean implements RateLimiter {

    private static final System.Logger LOG = System.getLogger(RateLimiterBean.class.getName());

    @Inject
    RateLimitedExtension extension;

    @Inject
    Event<RateLimitRejected> rejections;

    /** Where the publishers find their metrics registry: this archive's manager sees the server's beans. */
    @Inject
    BeanManager beans;

    private LimiterConfig config;
    private RedisRateLimiter limiter;
    private PolicyMBeans mbeans;
    private List<MetricsPublisher> publishers;

    @PostConstruct
    void start() {
        config = extension.config();
        LOG.log(Level.INFO, "Rate limiter on {0} with policies {1}", config.redis(), config.policies().values());
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> circuitState().name());
        publishers = published(metrics);
        limiter = RedisRateLimiter.connect(config, metrics.andThen(new RejectionEvents(rejections)));
        mbeans = PolicyMBeans.register(ManagementFactory.getPlatformMBeanServer(), applicationName(), metrics);
        extension.started(this);
    }

    /**
     * The publishers that published the metrics. One that cannot (the API is there but the server
     * offers no registry bean) is logged and left out: metrics are no reason to stop the application.
     */
    private List<MetricsPublisher> published(LimiterMetrics metrics) {
        List<MetricsPublisher> published = new ArrayList<>();
        for (MetricsPublisher publisher : extension.metricsPublishers()) {
            try {
                publisher.publish(metrics, beans);
                published.add(publisher);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot publish the limiter's metrics through " + publisher.getClass().getSimpleName()
                        + "; the JMX MBeans still show them", e);
            }
        }
        return published;
    }

    /** Starts the limiter with the application rather than at the first request, so bad configuration stops deployment. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Calling this observer instantiates the bean; nothing else to do.
    }

    @Override
    public Decision tryAcquire(String policy, String tier, String clientKey, int cost) {
        return limiter.tryAcquire(policy, tier, clientKey, cost);
    }

    @Override
    public Decision peek(String policy, String tier, String clientKey, int cost) {
        return limiter.peek(policy, tier, clientKey, cost);
    }

    @Override
    public void refund(String policy, String tier, String clientKey, int cost) {
        limiter.refund(policy, tier, clientKey, cost);
    }

    @Override
    public void release(Decision decision) {
        limiter.release(decision);
    }

    @Override
    public Decision acquire(String policy, String tier, String clientKey, int cost, Duration maxWait) {
        return limiter.acquire(policy, tier, clientKey, cost, maxWait);
    }

    @Override
    public PolicyConfig policy(String name) {
        return limiter.policy(name);
    }

    /** The validated configuration, for the readiness check. */
    public LimiterConfig config() {
        return config;
    }

    /** Whether decisions can go to Redis, for the readiness check; see {@link RedisRateLimiter#readiness()}. */
    public RedisReadiness readiness() {
        return limiter.readiness();
    }

    /** The circuit breaker's state. */
    public CircuitBreaker.State circuitState() {
        return limiter.circuitState();
    }

    /** {@code java:app/AppName}, so that two applications' MBeans differ; {@code null} outside a server. */
    private static String applicationName() {
        try {
            return (String) new InitialContext().lookup("java:app/AppName");
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.DEBUG, "No application name in JNDI; MBean names leave it out", e);
            return null;
        }
    }

    @PreDestroy
    void stop() {
        extension.stopped(this);
        publishers.forEach(MetricsPublisher::unpublish);
        mbeans.close();
        limiter.close();
    }
}
