package io.jakartaredis.limiter.redis;

import java.util.List;
import java.util.function.LongSupplier;

import io.jakartaredis.limiter.config.Limit;

/**
 * A policy's limits as {@code token_bucket.lua} takes them, computed once and kept while they
 * hold: a policy of bucket limits forever, one with calendar limits until this node's clock
 * leaves the period that their boundaries were computed around (then recomputed once, with
 * {@code java.time}). A tier's limits are followed by the identities of its sibling limits (the
 * script's last argument). Thread-safe; the hot path reads one volatile field and the clock.
 */
public final class ScriptLimits {

    private final List<Limit> limits;
    /** The siblings' identities as one argument; empty for none. */
    private final String siblings;
    private final LongSupplier epochMillis;
    private volatile Computed computed;

    /** The arguments and the node-clock interval [from, until) in which they hold. */
    private record Computed(List<String> args, long fromMillis, long untilMillis) {
    }

    /**
     * @param limits      the policy's limits
     * @param epochMillis this node's clock in ms since the epoch, {@code System::currentTimeMillis} outside tests
     */
    public ScriptLimits(List<Limit> limits, LongSupplier epochMillis) {
        this(limits, List.of(), epochMillis);
    }

    /**
     * @param limits      the tier's limits
     * @param siblings    the limits of the policy's other tiers (and its own, for a named tier),
     *                    whose stored entries the script charges but never lets decide
     * @param epochMillis this node's clock in ms since the epoch, {@code System::currentTimeMillis} outside tests
     */
    public ScriptLimits(List<Limit> limits, List<Limit> siblings, LongSupplier epochMillis) {
        this.limits = List.copyOf(limits);
        this.siblings = TokenBucketScript.siblingArgument(limits, siblings);
        this.epochMillis = epochMillis;
        this.computed = compute(epochMillis.getAsLong());
    }

    /** The limits' arguments for a call now. */
    public List<String> args() {
        Computed current = computed;
        if (current.untilMillis == Long.MAX_VALUE) {
            return current.args;
        }
        long now = epochMillis.getAsLong();
        if (now < current.fromMillis || now >= current.untilMillis) {
            current = compute(now);
            computed = current;
        }
        return current.args;
    }

    private Computed compute(long nowMillis) {
        long from = Long.MIN_VALUE;
        long until = Long.MAX_VALUE;
        for (Limit limit : limits) {
            if (limit.isCalendar()) {
                long[] current = limit.calendar().starts(nowMillis, limit.zone(), 0, 2);
                from = Math.max(from, current[0]);
                until = Math.min(until, current[1]);
            }
        }
        return new Computed(TokenBucketScript.limitArgs(limits, siblings, nowMillis), from, until);
    }
}
