package io.jakartaredis.limiter.redis;

import java.util.List;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import redis.clients.jedis.Builder;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * {@link ScriptExecutor} over a pooled Jedis client; the only class that calls Jedis, and the place
 * where Jedis failures become {@link RateLimiterUnavailableException}.
 */
public final class JedisScriptExecutor implements ScriptExecutor {

    /**
     * What {@code UnifiedJedis#evalsha} answers, without its copy of a reply of integers only (a
     * decision's): Jedis' own builder maps every element of a list through itself, which leaves
     * an integer as it is, into a new list.
     */
    static final Builder<Object> SCRIPT_REPLY = new Builder<>() {
        @Override
        public Object build(Object data) {
            return integersOnly(data) ? data : BuilderFactory.AGGRESSIVE_ENCODED_OBJECT.build(data);
        }
    };

    private static boolean integersOnly(Object data) {
        if (!(data instanceof List<?> values) || values.isEmpty()) {
            return false; // an empty list is Jedis' empty list or map, as its builder decides
        }
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof Long)) {
                return false;
            }
        }
        return true;
    }

    private final UnifiedJedis jedis;
    private final Evalsha evalsha = (sha1, keys, args) -> send(Protocol.Command.EVALSHA, sha1, keys, args);
    private final Evalsha evalshaReadOnly = (sha1, keys, args) -> send(Protocol.Command.EVALSHA_RO, sha1, keys, args);
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
        return evalshaLoadingOnce("EVALSHA", script, keys, args, evalsha);
    }

    @Override
    public Object runReadOnly(LuaScript script, List<String> keys, List<String> args) {
        return evalshaLoadingOnce("EVALSHA_RO", script, keys, args, evalshaReadOnly);
    }

    /** The command that {@code UnifiedJedis#evalsha} sends, with {@link #SCRIPT_REPLY} reading its reply. */
    private Object send(ProtocolCommand command, String sha1, List<String> keys, List<String> args) {
        CommandArguments arguments = new CommandArguments(command).add(sha1).add(keys.size()).keys(keys).addObjects(args);
        return jedis.executeCommand(new CommandObject<>(arguments, SCRIPT_REPLY));
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
