package io.jakartaredis.limiter.redis;

import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Why a call to Redis failed, in words stable enough for health output: never a host name nor
 * Redis' own error text, which go to the log only.
 */
public enum RedisFailure {

    /** No connection: refused, reset, unknown host, Sentinel or Cluster not found. */
    UNREACHABLE("unreachable"),
    /** Redis did not answer within the timeout, or no pooled connection came free in time. */
    TIMEOUT("timeout"),
    /** Redis answered with an error: unknown command, NOPERM, OOM, WRONGPASS, a script error. */
    SCRIPT_FAILED("script-failed");

    private final String reason;

    RedisFailure(String reason) {
        this.reason = reason;
    }

    /** The stable word, e.g. {@code script-failed}. */
    public String reason() {
        return reason;
    }

    /**
     * Whether the pool had no connection free within its max-wait: Redis was not asked, so this is
     * no Redis failure (commons-pool2's {@link NoSuchElementException}, which Jedis wraps as "Could not
     * get a resource from the pool"), also when scrubbed.
     */
    public static boolean isPoolExhausted(Throwable failure) {
        return causedBy(failure, NoSuchElementException.class);
    }

    /** Whether the ACL refused the command or a key (NOPERM): Redis answered. */
    public static boolean isAccessDenied(Throwable failure) {
        return causedBy(failure, JedisAccessControlException.class);
    }

    /**
     * Whether the ACL refused the {@code evalsha_ro} command itself ({@code NOPERM User u has no
     * permissions to run the 'evalsha_ro' command}): not a key refused, nor a WRONGPASS or NOAUTH,
     * which Jedis reports as the same exception class. Matched on the reply's text, which scrubbing keeps.
     */
    public static boolean isReadOnlyScriptCommandRefused(Throwable failure) {
        return anyCause(failure, cause -> is(cause, JedisAccessControlException.class) && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).contains("'evalsha_ro' command"));
    }

    /**
     * Whether the error reply is about the call itself, not about Redis's state: the ACL refused it
     * (NOPERM), or the script failed ({@code ERR …}, or a command's {@code WRONGTYPE} inside it).
     * LOADING, BUSY, READONLY, MASTERDOWN, CLUSTERDOWN, TRYAGAIN, MISCONF and the like say Redis cannot
     * serve, so they are not.
     */
    public static boolean isCallRefused(Throwable failure) {
        return anyCause(failure, cause -> is(cause, JedisAccessControlException.class)
                || is(cause, JedisDataException.class) && cause.getMessage() != null
                        && (cause.getMessage().startsWith("ERR ") || cause.getMessage().startsWith("WRONGTYPE ")));
    }

    /** Whether Redis did not answer in time: a socket timeout anywhere among the causes. */
    public static boolean isTimeout(Throwable failure) {
        return causedBy(failure, SocketTimeoutException.class);
    }

    /** Classifies a failure by its causes: a timeout anywhere wins, then an error reply, else unreachable. */
    public static RedisFailure of(Throwable failure) {
        if (isTimeout(failure)) {
            return TIMEOUT;
        }
        return causedBy(failure, JedisDataException.class) ? SCRIPT_FAILED : UNREACHABLE;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return anyCause(failure, cause -> is(cause, type));
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Also through a {@link ScrubbedException}, which stands for the exception it scrubbed. */
    private static boolean is(Throwable cause, Class<? extends Throwable> type) {
        return type.isInstance(cause) || cause instanceof ScrubbedException scrubbed && scrubbed.was(type);
    }
}
