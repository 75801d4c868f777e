package io.jakartaredis.limiter.redis;

import java.util.List;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * {@link ScriptExecutor} over a pooled Jedis client; the only class that calls Jedis, and the place
 * where Jedis failures become {@link RateLimiterUnavailableException}.
 */
public final class JedisScriptExecutor implements ScriptExecutor {

    private final UnifiedJedis jedis;
    private final String endpoint;
    private final ScriptSources scripts;
    private final SecretScrubber scrubber;
    private final BatchSizes batchSizes;

    /**
     * @param jedis    a pooled client (standalone, sentinel or cluster) whose keyed commands are sent at
     *                 most once ({@link SendOnceExecutor}); closed with this executor
     * @param endpoint where it points, for messages; must not contain credentials
     * @param scripts  where its executor finds a script's source to load it on {@code NOSCRIPT}
     * @param scrubber removes the credentials that Redis may echo from its errors
     * @param batchSizes what its executor counts of its pipelined writes
     */
    JedisScriptExecutor(UnifiedJedis jedis, String endpoint, ScriptSources scripts, SecretScrubber scrubber,
                        BatchSizes batchSizes) {
        this.jedis = jedis;
        this.batchSizes = batchSizes;
        this.endpoint = endpoint;
        this.scripts = scripts;
        this.scrubber = scrubber;
    }

    @Override
    public void load(LuaScript script) {
        scripts.add(script);
        try {
            jedis.scriptLoad(script.source());
        } catch (JedisException e) {
            throw unavailable("SCRIPT LOAD " + script.name(), e);
        }
    }

    @Override
    public Object run(LuaScript script, List<String> keys, List<String> args) {
        return evalshaLoadingOnce("EVALSHA", script, keys, args, jedis::evalsha);
    }

    @Override
    public Object runReadOnly(LuaScript script, List<String> keys, List<String> args) {
        return evalshaLoadingOnce("EVALSHA_RO", script, keys, args, jedis::evalshaReadonly);
    }

    /** {@code EVALSHA} or {@code EVALSHA_RO} of a script by its SHA1. */
    @FunctionalInterface
    private interface Evalsha {
        Object send(String sha1, List<String> keys, List<String> args);
    }

    /**
     * The script cache is volatile (restart, SCRIPT FLUSH, failover). {@link SendOnceExecutor} loads
     * the script on the connection that answered NOSCRIPT and sends it once more, within the one
     * timeout. Only a keyless script on a cluster goes to Jedis' own executor: it is loaded here, on
     * every master, and sent again (it takes no tokens).
     */
    private Object evalshaLoadingOnce(String command, LuaScript script, List<String> keys, List<String> args,
                                      Evalsha evalsha) {
        scripts.add(script);
        try {
            try {
                return evalsha.send(script.sha1(), keys, args);
            } catch (JedisNoScriptException e) {
                if (!keys.isEmpty()) {
                    throw e;
                }
                jedis.scriptLoad(script.source());
                return evalsha.send(script.sha1(), keys, args);
            }
        } catch (JedisException e) {
            throw unavailable(command + " " + script.name(), e);
        }
    }

    private RateLimiterUnavailableException unavailable(String operation, JedisException cause) {
        return new RateLimiterUnavailableException(operation + " failed on " + endpoint + ": "
                + scrubber.scrub(cause.getMessage()), scrubber.scrub(cause));
    }

    @Override
    public BatchSizes batchSizes() {
        return batchSizes;
    }

    @Override
    public void close() {
        jedis.close();
    }
}
