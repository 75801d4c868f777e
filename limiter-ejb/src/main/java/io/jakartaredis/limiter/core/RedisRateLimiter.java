package io.jakartaredis.limiter.core;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.redis.BucketReply;
import io.jakartaredis.limiter.redis.RedisClients;
import io.jakartaredis.limiter.redis.ScriptExecutor;
import io.jakartaredis.limiter.redis.TokenBucketScript;

/**
 * The limiter without any container: a token bucket per (policy, client) in Redis, one
 * {@code EVALSHA} per decision. Thread-safe; share one instance per application.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisRateLimiter.class.getName());

    private final Map<String, CompiledPolicy> policies;
    private final ScriptExecutor executor;
    private final TokenBucketScript script;

    /** A limiter over the given executor, which it closes on {@link #close()}. */
    public RedisRateLimiter(LimiterConfig config, ScriptExecutor executor) {
        this.policies = config.policies().values().stream()
                .collect(Collectors.toUnmodifiableMap(p -> p.name(), p -> CompiledPolicy.of(p, config.keyPrefix())));
        this.executor = executor;
        this.script = new TokenBucketScript(executor);
    }

    /** A limiter with its own connection pool to the configured Redis; loads the script when Redis is up. */
    public static RedisRateLimiter connect(LimiterConfig config) {
        RedisRateLimiter limiter = new RedisRateLimiter(config, RedisClients.executor(config.redis()));
        limiter.preloadScript();
        return limiter;
    }

    /**
     * Loads the script ahead of the first decision. A Redis that is down now must not stop the
     * application: the first decision loads the script itself.
     */
    public void preloadScript() {
        try {
            script.load();
        } catch (RateLimiterUnavailableException e) {
            LOG.log(Level.WARNING, "Redis is not reachable yet; the script loads with the first decision: {0}",
                    e.getMessage());
        }
    }

    @Override
    public PolicyConfig policy(String name) {
        return compiled(name).config();
    }

    private CompiledPolicy compiled(String policy) {
        CompiledPolicy compiled = policies.get(policy);
        if (compiled == null) {
            throw new IllegalArgumentException("unknown policy '" + policy + "'; configure "
                    + "limiter.policy." + policy + ".limits (known: " + new TreeSet<>(policies.keySet()) + ")");
        }
        return compiled;
    }

    @Override
    public Decision tryAcquire(String policy, String clientKey, int cost) {
        CompiledPolicy compiled = compiled(policy);
        Objects.requireNonNull(clientKey, "clientKey");
        compiled.checkCost(cost);
        BucketReply reply = script.take(BucketKeys.key(compiled.keyPrefix(), clientKey), cost, compiled.limitArgs());
        Limit tightest = compiled.config().limits().get(reply.limitIndex());
        return new Decision(policy, reply.allowed(), reply.limit(), tightest.window(), reply.remaining(),
                reply.retryAfterMillis(), reply.resetAfterMillis());
    }

    @Override
    public void close() {
        executor.close();
    }
}
