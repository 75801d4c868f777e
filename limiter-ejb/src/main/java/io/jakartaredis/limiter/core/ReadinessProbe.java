package io.jakartaredis.limiter.core;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.redis.LuaScript;
import io.jakartaredis.limiter.redis.RedisFailure;
import io.jakartaredis.limiter.redis.ScriptExecutor;
import io.jakartaredis.limiter.redis.TokenBucketScript;
import io.jakartaredis.limiter.resilience.CircuitBreaker;

/**
 * Whether decisions can go to Redis: runs the token-bucket script itself, by {@code EVALSHA} on
 * the same connections, on a key that no client can reach ({@link BucketKeys#readinessKey}), then
 * asks Redis whether the ACL user may run each command of the script on every policy's keys (the
 * probe itself skips TIME, GET and PEXPIREAT), so that Redis older than 7.0, an ACL user without a
 * command or a key pattern of the script, or out of memory with {@code noeviction}, breaks
 * readiness as it breaks decisions. While the circuit is closed it goes past the breaker without
 * moving it; while it is open it is the breaker's probe. Counts in no policy's statistics.
 */
final class ReadinessProbe {

    private static final LuaScript SERVER_INFO = LuaScript.fromResource("/io/jakartaredis/limiter/core/server_info.lua");
    private static final LuaScript ACL_CHECK = LuaScript.fromResource("/io/jakartaredis/limiter/core/acl_check.lua");
    /** ARGV of {@link #ACL_CHECK} before the sample keys: how many commands, then each. */

    private final ScriptExecutor executor;
    private final TokenBucketScript script;
    private final RedisGuard guard;
    private final ReadinessLog log;
    private final String key;
    private final String keyPrefix;
    private final List<String> aclCheckArgs;
    private final LongSupplier nanoClock;
    /** The first script failure is an ERROR, at startup or later: Redis may come up broken after the application. */
    private final AtomicBoolean scriptFailureReported = new AtomicBoolean();

    /**
     * @param sampleKeys        one bucket key of each policy, and one lease key of each with a
     *                          concurrency limit, for the ACL check of key patterns; never accessed
     * @param concurrencyLimits whether some policy has a concurrency limit, whose commands the user then needs
     */
    ReadinessProbe(ScriptExecutor executor, RedisGuard guard, ReadinessLog log, String keyPrefix,
                   List<String> sampleKeys, boolean concurrencyLimits, LongSupplier nanoClock) {
        this.executor = executor;
        this.script = new TokenBucketScript(executor);
        this.guard = guard;
        this.log = log;
        this.key = BucketKeys.readinessKey(keyPrefix);
        this.keyPrefix = keyPrefix;
        List<String> args = new ArrayList<>(commandArgs(concurrencyLimits));
        args.addAll(sampleKeys);
        this.aclCheckArgs = List.copyOf(args);
        this.nanoClock = nanoClock;
    }

    /**
     * Runs the script once. While the circuit is not closed it runs through the breaker: refused
     * during the cool-down ({@code circuit-open}), and after it the half-open probe, whose success
     * closes the circuit. So a node that gets no decisions (taken out of rotation because it is
     * not ready) still finds Redis back.
     */
    RedisReadiness check() {
        if (guard.circuitState() == CircuitBreaker.State.CLOSED) {
            return runScript();
        }
        try {
            // Only the script runs through the breaker: an ACL refusal is an answer of Redis, which
            // must not reopen the circuit for every policy; runScript reports it.
            guard.call(() -> script.probe(key));
        } catch (RedisNotAskedException e) {
            return new RedisReadiness(RedisReadiness.CIRCUIT_OPEN, guard.circuitState(), Duration.ZERO);
        } catch (RateLimiterUnavailableException e) {
            log.down(RedisReadiness.CIRCUIT_OPEN, "the half-open probe failed: " + e.getMessage(), Level.WARNING);
            return new RedisReadiness(RedisReadiness.CIRCUIT_OPEN, guard.circuitState(), Duration.ZERO);
        }
        return runScript();
    }

    /**
     * At startup: a script that fails logs one ERROR naming the cause (as does the first script
     * failure that a later check finds); an unreachable Redis one WARNING, as the first decision
     * may well find it up.
     */
    RedisReadiness checkAtStartup() {
        return runScript();
    }

    /** Redis runs the script it had cached, yet refused to load it: decisions fail once its script cache empties. */
    void reportRefusedLoad(RateLimiterUnavailableException refused) {
        System.getLogger(RedisRateLimiter.class.getName()).log(Level.ERROR, "Redis refuses to load the token-bucket script,"
                + " so every decision fails once its script cache is emptied (restart, failover, SCRIPT FLUSH): "
                + explain(refused) + " (" + refused.getMessage() + ")");
    }

    private RedisReadiness runScript() {
        long start = nanoClock.getAsLong();
        try {
            guard.callIgnoringBreaker(this::probe);
            log.up();
            return new RedisReadiness(null, guard.circuitState(), Duration.ofNanos(nanoClock.getAsLong() - start));
        } catch (RateLimiterUnavailableException e) {
            RedisFailure failure = e instanceof RedisNotAskedException ? RedisFailure.TIMEOUT
                    : e instanceof AclRefusalException ? RedisFailure.SCRIPT_FAILED : RedisFailure.of(e);
            Level scriptFailureLevel = failure == RedisFailure.SCRIPT_FAILED && scriptFailureReported.compareAndSet(false, true)
                    ? Level.ERROR : Level.WARNING;
            if (e instanceof AclRefusalException) {
                log.down(failure.reason(), e.getMessage(), scriptFailureLevel);
            } else if (failure == RedisFailure.SCRIPT_FAILED) {
                log.down(failure.reason(), explain(e) + " (" + e.getMessage() + ")", scriptFailureLevel);
            } else {
                log.down(failure.reason(), "Redis is not reachable: " + e.getMessage(), Level.WARNING);
            }
            return new RedisReadiness(failure.reason(), guard.circuitState(), Duration.ZERO);
        }
    }

    /**
     * The script's probe, then the ACL check of the commands that the probe does not run (it
     * passes its own time and takes nothing from a missing bucket, so TIME, GET and PEXPIREAT
     * stay out) and of every policy's key pattern.
     *
     * @throws AclRefusalException when the user may not run a command of the script
     */
    private Object probe() {
        script.probe(key);
        Object refusals;
        try {
            refusals = executor.run(ACL_CHECK, List.of(key), aclCheckArgs);
        } catch (RateLimiterUnavailableException e) {
            if (RedisFailure.of(e) == RedisFailure.SCRIPT_FAILED && String.valueOf(e.getMessage()).contains("'script|load'")) {
                return null; // a user that may not load scripts runs the cached token-bucket script: reported at startup
            }
            throw e;
        }
        if (refusals instanceof List<?> refused && !refused.isEmpty()) {
            throw new AclRefusalException(ScriptFailureDiagnosis.refusedByAcl(text(refused.get(0)), keyPrefix));
        }
        return refusals;
    }

    private static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    private static List<String> commandArgs(boolean concurrencyLimits) {
        List<String> commands = new ArrayList<>(TokenBucketScript.commands(concurrencyLimits));
        commands.add("ping"); // sent before the script on a connection idle for a while
        List<String> args = new ArrayList<>(commands.size() + 1);
        args.add(Integer.toString(commands.size()));
        args.addAll(commands);
        return List.copyOf(args);
    }

    private String explain(RateLimiterUnavailableException failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return ScriptFailureDiagnosis.explain(messages.toString(), this::serverInfo, keyPrefix,
                TokenBucketScript::commandAtLine);
    }

    private Optional<String> serverInfo() {
        try {
            Object reply = guard.callIgnoringBreaker(() -> executor.run(SERVER_INFO, List.of(), List.of()));
            return Optional.of(text(reply));
        } catch (RateLimiterUnavailableException e) {
            return Optional.empty(); // e.g. an ACL user without +info: the cause is named without the version
        }
    }
}
