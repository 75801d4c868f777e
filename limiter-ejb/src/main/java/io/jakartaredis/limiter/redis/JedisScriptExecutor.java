package io.jakartaredis.limiter.redis;

import java.net.SocketTimeoutException;
import java.util.List;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * {@link ScriptExecutor} over a pooled Jedis client; the only class that calls Jedis, and the place
 * where Jedis failures become {@link RateLimiterUnavailableException}.
 */
public final class JedisScriptExecutor implements ScriptExecutor {

    private final UnifiedJedis jedis;
    private final String endpoint;
    private final Runnable discardIdleConnections;

    /**
     * @param jedis                  a pooled client (standalone, sentinel or cluster); closed with this executor
     * @param endpoint               where it points, for messages; must not contain credentials
     * @param discardIdleConnections drops pooled idle connections, called when one turned out dead
     */
    public JedisScriptExecutor(UnifiedJedis jedis, String endpoint, Runnable discardIdleConnections) {
        this.jedis = jedis;
        this.endpoint = endpoint;
        this.discardIdleConnections = discardIdleConnections;
    }

    @Override
    public void load(LuaScript script) {
        try {
            jedis.scriptLoad(script.source());
        } catch (JedisException e) {
            throw unavailable("SCRIPT LOAD " + script.name(), e);
        }
    }

    @Override
    public Object run(LuaScript script, List<String> keys, List<String> args) {
        try {
            return evalshaLoadingOnce(script, keys, args);
        } catch (JedisConnectionException e) {
            if (isTimeout(e)) {
                throw unavailable("EVALSHA " + script.name(), e);
            }
            // A pooled connection that the server dropped (restart, failover, idle timeout) fails
            // before the script runs. Its idle siblings are as dead: discard them, retry on a fresh one.
            discardIdleConnections.run();
            try {
                return evalshaLoadingOnce(script, keys, args);
            } catch (JedisException retryFailure) {
                throw unavailable("EVALSHA " + script.name(), retryFailure);
            }
        } catch (JedisException e) {
            throw unavailable("EVALSHA " + script.name(), e);
        }
    }

    /**
     * The script cache is volatile (restart, SCRIPT FLUSH, failover): on NOSCRIPT, which proves the
     * script did not run, load it once and send it again. Loaded on the key's node only: loading it
     * on every master of a cluster would make this decision wait for any slow one.
     */
    private Object evalshaLoadingOnce(LuaScript script, List<String> keys, List<String> args) {
        try {
            return jedis.evalsha(script.sha1(), keys, args);
        } catch (JedisNoScriptException e) {
            if (keys.isEmpty()) {
                jedis.scriptLoad(script.source());
            } else {
                jedis.scriptLoad(script.source(), keys.get(0));
            }
            return jedis.evalsha(script.sha1(), keys, args);
        }
    }

    /** A timed-out script may have run: repeating it could take tokens twice. */
    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private RateLimiterUnavailableException unavailable(String operation, JedisException cause) {
        return new RateLimiterUnavailableException(operation + " failed on " + endpoint + ": " + cause.getMessage(), cause);
    }

    @Override
    public void close() {
        jedis.close();
    }
}
