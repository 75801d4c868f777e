package io.jakartaredis.limiter.redis;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.Limit;

/**
 * Java face of {@code token_bucket.lua}: builds its ARGV and reads its fixed-shape reply.
 * One call is one {@code EVALSHA} (a peek: {@code EVALSHA_RO}). Every operation has an
 * {@code *At} variant at an explicit time, for deterministic script tests only.
 */
public final class TokenBucketScript {

    private static final System.Logger LOG = System.getLogger(TokenBucketScript.class.getName());

    static final LuaScript SCRIPT = LuaScript.fromResource("token_bucket.lua");

    /** Tells the script to read the Redis clock. */
    private static final String REDIS_CLOCK = "";

    /** The script's operations (ARGV[3]): a take is a reservation that waits 0 ms. */
    private static final String TAKE = "0";
    private static final String PEEK = "peek";
    private static final String REFUND = "refund";
    private static final String RELEASE = "release";
    /** ARGV[4] of a policy without a concurrency limit. */
    private static final String NO_CONCURRENCY = "";

    private static final Pattern REDIS_CALL = Pattern.compile("redis\\.p?call\\('([A-Za-z|]+)'");

    /** 1 ms after the epoch: a write at this time expires at once. */
    private static final String PROBE_TIME = "1";
    private static final List<String> PROBE_LIMIT = List.of("1", "1");

    private final ScriptExecutor executor;
    /** Set once Redis refused EVALSHA_RO (an ACL user without +evalsha_ro): peeks then use EVALSHA. */
    private final AtomicBoolean readOnlyRefused = new AtomicBoolean();

    public TokenBucketScript(ScriptExecutor executor) {
        this.executor = executor;
    }

    /**
     * The command that the script calls on a line, as Redis numbers them in its errors
     * ({@code @user_script:46}); Redis 7.0 does not name the command an ACL user may not run.
     */
    public static Optional<String> commandAtLine(int line) {
        List<String> lines = SCRIPT.source().lines().toList();
        if (line < 1 || line > lines.size()) {
            return Optional.empty();
        }
        Matcher call = REDIS_CALL.matcher(lines.get(line - 1));
        return call.find() ? Optional.of(call.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * Every command that the script calls, lower case, in the order of first call: read from its
     * source, so that the readiness check's ACL check cannot drift from the script.
     */
    public static List<String> commands() {
        Matcher call = REDIS_CALL.matcher(SCRIPT.source());
        Set<String> commands = new LinkedHashSet<>();
        while (call.find()) {
            commands.add(call.group(1).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(commands);
    }

    /**
     * {@link #commands()} as a deployment needs them: without the sorted-set commands (all named
     * {@code z…}), which the script calls only on the lease key of a policy with a concurrency
     * limit, when no policy has one.
     */
    public static List<String> commands(boolean concurrencyLimits) {
        return concurrencyLimits ? commands() : commands().stream().filter(command -> !command.startsWith("z")).toList();
    }

    /** Loads the script into Redis ahead of the first decision. */
    public void load() {
        executor.load(SCRIPT);
    }

    /**
     * Limits as the script takes them, pair after pair: a bucket limit's capacity and window in ms;
     * a calendar limit's capacity and {@code "<unit>@<zone> p0 p1 p2 p3"}, the starts of the period
     * before the one that contains {@code nodeNowMillis}, of that one and of the next two, so that
     * the script finds the period of the Redis clock's now when the clocks differ by less than a
     * period. {@link ScriptLimits} keeps them per policy.
     *
     * @param nodeNowMillis this node's clock, ms since the epoch (only calendar limits read it)
     */
    public static List<String> limitArgs(List<Limit> limits, long nodeNowMillis) {
        List<String> args = new ArrayList<>(limits.size() * 2);
        for (Limit limit : limits) {
            args.add(Long.toString(limit.tokens()));
            if (limit.isCalendar()) {
                long[] starts = limit.calendar().starts(nodeNowMillis, limit.zone(), -1, 4);
                args.add(limit.calendarId() + " " + starts[0] + " " + starts[1] + " " + starts[2] + " " + starts[3]);
            } else {
                args.add(Long.toString(limit.windowMillis()));
            }
        }
        return List.copyOf(args);
    }

    /**
     * {@link #limitArgs(List, long)} followed by the sibling identities of
     * {@link #siblingArgument}, when there are any.
     */
    public static List<String> limitArgs(List<Limit> limits, String siblingArgument, long nodeNowMillis) {
        List<String> args = limitArgs(limits, nodeNowMillis);
        if (siblingArgument.isEmpty()) {
            return args;
        }
        List<String> withSiblings = new ArrayList<>(args);
        withSiblings.add(siblingArgument);
        return List.copyOf(withSiblings);
    }

    /**
     * The script's last argument for a tier: the identities of the {@code siblings} (a bucket
     * limit's {@code C/W}, a calendar limit's {@code <unit>@<zone>}) that {@code limits} do not
     * have, each once, separated by spaces; empty for none.
     */
    public static String siblingArgument(List<Limit> limits, List<Limit> siblings) {
        Set<String> own = new LinkedHashSet<>();
        limits.forEach(limit -> own.add(identity(limit)));
        Set<String> others = new LinkedHashSet<>();
        siblings.stream().map(TokenBucketScript::identity).filter(id -> !own.contains(id)).forEach(others::add);
        return String.join(" ", others);
    }

    /** The identity of a limit's stored entry: capacity and window, or a calendar limit's unit and zone. */
    private static String identity(Limit limit) {
        return limit.isCalendar() ? limit.calendarId() : limit.tokens() + "/" + limit.windowMillis();
    }

    /** As {@link #limitArgs(List, long)} at this node's clock now. */
    public static List<String> limitArgs(List<Limit> limits) {
        return limitArgs(limits, System.currentTimeMillis());
    }

    /** Takes {@code cost} tokens from the bucket at {@code key}, reading the Redis clock. */
    public BucketReply take(String key, int cost, List<String> limitArgs) {
        return run(key, cost, REDIS_CLOCK, TAKE, limitArgs, null);
    }

    /**
     * As {@link #take(String, int, List)} under a concurrency limit too ({@code lease} non-null):
     * rejected at once, taking no token, when every slot is held; else, only when the bucket admits,
     * the call holds {@code lease.id()} until released or {@code lease.timeoutMillis()} from now.
     */
    public BucketReply take(String key, int cost, List<String> limitArgs, Lease lease) {
        return run(key, cost, REDIS_CLOCK, TAKE, limitArgs, lease);
    }

    /** As {@link #take(String, int, List)} at an explicit time, for deterministic script tests only. */
    public BucketReply takeAt(String key, int cost, long nowMillis, List<String> limitArgs) {
        return run(key, cost, Long.toString(nowMillis), TAKE, limitArgs, null);
    }

    /** As {@link #take(String, int, List, Lease)} at an explicit time, for deterministic script tests only. */
    public BucketReply takeAt(String key, int cost, long nowMillis, List<String> limitArgs, Lease lease) {
        return run(key, cost, Long.toString(nowMillis), TAKE, limitArgs, lease);
    }

    /**
     * Gives back the slot of {@code lease.id()}, after dropping expired leases; touches no bucket.
     * {@link BucketReply#allowed()} says whether the lease was still live, {@link BucketReply#freeSlots()}
     * what is free after it. Harmless for a lease that expired or never was.
     */
    public BucketReply release(String key, Lease lease) {
        return run(key, 0, REDIS_CLOCK, RELEASE, List.of(), lease);
    }

    /** As {@link #release(String, Lease)} at an explicit time, for deterministic script tests only. */
    public BucketReply releaseAt(String key, long nowMillis, Lease lease) {
        return run(key, 0, Long.toString(nowMillis), RELEASE, List.of(), lease);
    }

    /**
     * Takes {@code cost} tokens if they are covered within {@code maxWaitMillis}, letting the bucket
     * owe up to that long beyond empty: when allowed, {@link BucketReply#retryAfterMillis()} is the
     * wait until the caller's slot (0 when the tokens are there now); when rejected, nothing was
     * taken and it is the wait that the cost needs.
     *
     * @param maxWaitMillis checked by {@link io.jakartaredis.limiter.config.MaxWait} for these limits
     */
    public BucketReply reserve(String key, int cost, long maxWaitMillis, List<String> limitArgs) {
        return run(key, cost, REDIS_CLOCK, Long.toString(maxWaitMillis), limitArgs, null);
    }

    /**
     * As {@link #reserve(String, int, long, List)} under a concurrency limit too: a reservation
     * never waits for a slot. When every slot is held it is rejected at once; else, when the bucket
     * admits, it takes its slot now and its lease lives {@code lease.timeoutMillis()} after its
     * reserved time.
     */
    public BucketReply reserve(String key, int cost, long maxWaitMillis, List<String> limitArgs, Lease lease) {
        return run(key, cost, REDIS_CLOCK, Long.toString(maxWaitMillis), limitArgs, lease);
    }

    /** As {@link #reserve(String, int, long, List)} at an explicit time, for deterministic script tests only. */
    public BucketReply reserveAt(String key, int cost, long maxWaitMillis, long nowMillis, List<String> limitArgs) {
        return run(key, cost, Long.toString(nowMillis), Long.toString(maxWaitMillis), limitArgs, null);
    }

    /** As {@link #reserve(String, int, long, List, Lease)} at an explicit time, for deterministic script tests only. */
    public BucketReply reserveAt(String key, int cost, long maxWaitMillis, long nowMillis, List<String> limitArgs,
                                 Lease lease) {
        return run(key, cost, Long.toString(nowMillis), Long.toString(maxWaitMillis), limitArgs, lease);
    }

    /**
     * What {@link #take(String, int, List)} would answer now, taking nothing: remaining and reset as
     * the bucket is. Read-only ({@code EVALSHA_RO}): it writes in no case, also on a replica. When
     * the ACL refuses the {@code evalsha_ro} command itself (NOPERM naming it; never a key refused or
     * a wrong password), this and every later peek is a plain {@code EVALSHA}, logged once, as
     * harmless: the script writes nothing for a peek.
     */
    public BucketReply peek(String key, int cost, List<String> limitArgs) {
        return peek(key, cost, limitArgs, null);
    }

    /** As {@link #peek(String, int, List)}, counting the free slots of {@code lease}'s key too (its id is ignored). */
    public BucketReply peek(String key, int cost, List<String> limitArgs, Lease lease) {
        List<String> args = args(cost, REDIS_CLOCK, PEEK, limitArgs, lease == null ? null : lease.withId(Lease.NO_ID));
        List<String> keys = keys(key, lease);
        if (!readOnlyRefused.get()) {
            try {
                return parse(executor.runReadOnly(SCRIPT, keys, args));
            } catch (RateLimiterUnavailableException e) {
                if (!RedisFailure.isReadOnlyScriptCommandRefused(e)) {
                    throw e; // a key refused, a wrong password, a script error: the failure policy answers, EVALSHA_RO stays
                }
                if (readOnlyRefused.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "The Redis ACL user may not run EVALSHA_RO: peeks run as EVALSHA from now on "
                            + "(the script writes nothing for a peek); add +evalsha_ro to the user to keep them read-only");
                }
            }
        }
        return parse(executor.run(SCRIPT, keys, args));
    }

    /** As {@link #peek(String, int, List)} at an explicit time, for deterministic script tests only. */
    public BucketReply peekAt(String key, int cost, long nowMillis, List<String> limitArgs) {
        return peekAt(key, cost, nowMillis, limitArgs, null);
    }

    /** As {@link #peek(String, int, List, Lease)} at an explicit time, for deterministic script tests only. */
    public BucketReply peekAt(String key, int cost, long nowMillis, List<String> limitArgs, Lease lease) {
        return parse(executor.runReadOnly(SCRIPT, keys(key, lease),
                args(cost, Long.toString(nowMillis), PEEK, limitArgs, lease == null ? null : lease.withId(Lease.NO_ID))));
    }

    /**
     * Gives {@code cost} tokens back to every stored limit of the bucket, none above its capacity:
     * {@link BucketReply#allowed()} says whether there were stored limits to give them to, remaining
     * and reset describe the bucket after it.
     */
    public BucketReply refund(String key, int cost, List<String> limitArgs) {
        return run(key, cost, REDIS_CLOCK, REFUND, limitArgs, null);
    }

    /** As {@link #refund(String, int, List)} at an explicit time, for deterministic script tests only. */
    public BucketReply refundAt(String key, int cost, long nowMillis, List<String> limitArgs) {
        return run(key, cost, Long.toString(nowMillis), REFUND, limitArgs, null);
    }

    /**
     * Runs the script for a readiness check on {@code key}, so that the same commands as a
     * decision's must pass (ACL, Redis version, memory) without taking anything from anybody: cost
     * 0 at a time long past, so the bucket it writes has expired when it is written and takes no
     * memory beyond one expired key.
     */
    public BucketReply probe(String key) {
        return run(key, 0, PROBE_TIME, TAKE, PROBE_LIMIT, null);
    }

    private BucketReply run(String key, int cost, String now, String operation, List<String> limitArgs, Lease lease) {
        return parse(executor.run(SCRIPT, keys(key, lease), args(cost, now, operation, limitArgs, lease)));
    }

    private static List<String> keys(String key, Lease lease) {
        return lease == null ? List.of(key) : List.of(key, lease.key());
    }

    private static List<String> args(int cost, String now, String operation, List<String> limitArgs, Lease lease) {
        return new ScriptArguments(cost, now, operation, lease == null ? NO_CONCURRENCY : lease.argument(), limitArgs);
    }

    private static BucketReply parse(Object reply) {
        if (!(reply instanceof List<?> values) || values.size() != 7) {
            throw new RateLimiterUnavailableException("unexpected reply from " + SCRIPT.name() + ": " + reply, null);
        }
        // Never a negative wait, whatever a stored value made of the script's arithmetic.
        return new BucketReply(number(values, 0) == 1, number(values, 1), Math.max(0, number(values, 2)),
                Math.max(0, number(values, 3)), number(values, 4), (int) number(values, 5) - 1, number(values, 6));
    }

    private static long number(List<?> values, int index) {
        return ((Number) values.get(index)).longValue();
    }
}
