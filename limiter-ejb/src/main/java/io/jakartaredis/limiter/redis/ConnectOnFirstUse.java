package io.jakartaredis.limiter.redis;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A {@link ScriptExecutor} built on first use, for clients that must reach Redis to be built at
 * all: a Sentinel client asks the sentinels for the master, a Cluster client reads the slot map.
 * Built eagerly, an unreachable Sentinel or Cluster would fail the deployment; built here, it only
 * makes calls fail over to the failure policy until it answers, as a standalone Redis does.
 *
 * <p>One caller builds at a time; the others fail at once instead of queueing behind connect
 * timeouts, and the circuit breaker spaces the attempts.
 */
final class ConnectOnFirstUse implements ScriptExecutor {

    private final String endpoint;
    private final Supplier<ScriptExecutor> connect;
    private final SecretScrubber scrubber;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile ScriptExecutor connected;
    private volatile boolean closed; // written under connecting

    /**
     * @param endpoint where it points, for messages; must not contain credentials
     * @param connect  builds the executor; may throw {@link JedisException} while Redis is unreachable
     * @param scrubber removes the credentials that Redis may echo from its errors
     */
    ConnectOnFirstUse(String endpoint, Supplier<ScriptExecutor> connect, SecretScrubber scrubber) {
        this.endpoint = endpoint;
        this.connect = connect;
        this.scrubber = scrubber;
    }

    @Override
    public void load(LuaScript script) {
        connected().load(script);
    }

    @Override
    public Object run(LuaScript script, List<String> keys, List<String> args) {
        return connected().run(script, keys, args);
    }

    @Override
    public Object runReadOnly(LuaScript script, List<String> keys, List<String> args) {
        return connected().runReadOnly(script, keys, args);
    }

    /** The connected executor's; nothing before it connects. */
    @Override
    public BatchSizes batchSizes() {
        ScriptExecutor executor = connected;
        return executor == null ? NO_BATCHES : executor.batchSizes();
    }

    /**
     * @throws RateLimiterUnavailableException also once closed: calls made while the application
     *                                         stops go to the failure policy, not to their callers as errors
     */
    private ScriptExecutor connected() {
        ScriptExecutor executor = connected;
        if (executor != null && !closed) {
            return executor;
        }
        if (closed) {
            throw closed();
        }
        if (!connecting.tryLock()) {
            throw new RateLimiterUnavailableException("still connecting to " + endpoint, null);
        }
        try {
            if (closed) {
                throw closed();
            }
            if (connected == null) {
                connected = connect.get();
            }
            return connected;
        } catch (JedisException e) {
            throw new RateLimiterUnavailableException("cannot connect to " + endpoint + ": " + scrubber.scrub(e.getMessage()),
                    scrubber.scrub(e));
        } finally {
            connecting.unlock();
        }
    }

    private RateLimiterUnavailableException closed() {
        return new RateLimiterUnavailableException("the client of " + endpoint + " is closed: the application is stopping", null);
    }

    @Override
    public void close() {
        connecting.lock();
        try {
            closed = true;
            if (connected != null) {
                connected.close();
            }
        } finally {
            connecting.unlock();
        }
    }
}
