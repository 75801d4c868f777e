package io.jakartaredis.limiter.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.MaxWait;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.config.ResilienceConfig;
import io.jakartaredis.limiter.redis.BatchSizes;
import io.jakartaredis.limiter.redis.BucketReply;
import io.jakartaredis.limiter.redis.Lease;
import io.jakartaredis.limiter.redis.LuaScript;
import io.jakartaredis.limiter.redis.RedisClients;
import io.jakartaredis.limiter.redis.RedisFailure;
import io.jakartaredis.limiter.redis.ScriptExecutor;
import io.jakartaredis.limiter.redis.TokenBucketScript;
import io.jakartaredis.limiter.resilience.CircuitBreaker;
import io.jakartaredis.limiter.resilience.ConnectionGate;
import io.jakartaredis.limiter.resilience.LocalBuckets;
import io.jakartaredis.limiter.resilience.LocalSlots;
import io.jakartaredis.limiter.resilience.OutageLog;

/**
 * The limiter without any container: a token bucket per (policy, client) in Redis, one
 * {@code EVALSHA} per decision. A client that Redis rejected is rejected by this node itself until
 * its retry-after has passed ({@link DenyCache}), without asking Redis. When Redis cannot decide
 * (down, timed out, circuit open, no free connection in time), each policy's failure policy
 * decides. A policy in shadow mode lets the calls it would reject proceed ({@link ShadowMode}). A
 * call under a tier of a policy decides with that tier's limits on the client's one bucket
 * ({@link PolicyTiers}); its deny-cache entries and local buckets are the tier's own.
 * Thread-safe; share one instance per application.
 *
 * <p>{@link #acquire} and {@link #peek} skip the deny cache (a remembered rejection says nothing of
 * a wait, nor of what remains); a refund makes this node forget its remembered rejection of that
 * bucket, while other nodes keep theirs until its retry-after ({@code limiter.deny-cache.max-time}
 * at most). {@link #close()} wakes the threads waiting in {@code acquire} (without interrupting them),
 * whose reservations go back, and refuses every later call. Refunds and peeks are not decisions: the listener hears of a refund through
 * {@link DecisionListener#refunded}, of a peek not at all.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisRateLimiter.class.getName());
    private static final Duration OUTAGE_LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Duration SHADOW_LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Duration READINESS_LOG_INTERVAL = Duration.ofMinutes(1);
    /** How long close() waits for calls in acquire to end: woken waiters give their reservations back. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final LuaScript PING = LuaScript.fromResource("/io/jakartaredis/limiter/core/ping.lua");

    private final Map<String, CompiledPolicy> policies;
    /** Each policy compiled for its own limits and for each of its tiers, by policy name. */
    private final Map<String, PolicyTiers> tiers;
    private final ScriptExecutor executor;
    private final TokenBucketScript script;
    private final RedisGuard guard;
    private final ReadinessProbe readiness;
    private final FailureFallback fallback;
    private final DenyCache denyCache;
    private final ShadowMode shadowMode;
    private final DecisionListener listener;
    private final LongSupplier nanoClock;
    private final SlotWait slotWait;
    private final LeaseIds leaseIds = new LeaseIds();
    /** Guards {@link #acquiring}; {@link #close()} waits on it. */
    private final Object waiters = new Object();
    /** Calls inside {@link #acquire}, from before they ask Redis until their wait has ended. */
    private int acquiring;
    /** Set once by {@link #close()}, under {@code waiters}; read without it to refuse later calls. */
    private volatile boolean closed;
    /** Set by {@link #close()} just before it closes the executor: releases until then still reach Redis. */
    private volatile boolean executorClosing;

    /** A limiter over the given executor, which it closes on {@link #close()}. */
    public RedisRateLimiter(LimiterConfig config, ScriptExecutor executor) {
        this(config, executor, DecisionListener.NONE, System::nanoTime);
    }

    /**
     * @param listener  told about every decision, on the caller's thread
     * @param nanoClock monotonic time in nanoseconds for the breaker, local buckets, the deny cache, latencies
     *                  and the waits of {@link #acquire}
     */
    public RedisRateLimiter(LimiterConfig config, ScriptExecutor executor, DecisionListener listener,
                            LongSupplier nanoClock) {
        this.policies = config.policies().values().stream()
                .collect(Collectors.toUnmodifiableMap(p -> p.name(), p -> CompiledPolicy.of(p, config.keyPrefix())));
        this.tiers = policies.values().stream().collect(Collectors.toUnmodifiableMap(
                p -> p.config().name(), p -> PolicyTiers.of(p, config.keyPrefix(), nanoClock)));
        this.executor = executor;
        this.script = new TokenBucketScript(executor);
        ResilienceConfig resilience = config.resilience();
        this.guard = new RedisGuard(
                new CircuitBreaker(resilience.circuitFailureThreshold(), resilience.circuitCoolDown(), nanoClock),
                new ConnectionGate(config.redis().callsAtOnce(), resilience.connectionWait()),
                new OutageLog(LOG, OUTAGE_LOG_INTERVAL, nanoClock));
        this.readiness = new ReadinessProbe(executor, guard, new ReadinessLog(LOG, READINESS_LOG_INTERVAL, nanoClock),
                config.keyPrefix(), sampleKeys(policies.values()),
                policies.values().stream().anyMatch(p -> limitsInFlight(p.config())), nanoClock);
        this.fallback = new FailureFallback(new LocalBuckets(resilience.localNodes(), resilience.localMaxKeys(), nanoClock),
                new LocalSlots(resilience.localNodes(), resilience.localMaxKeys(), nanoClock));
        this.denyCache = new DenyCache(config.denyCache(), nanoClock);
        this.shadowMode = new ShadowMode(config, SHADOW_LOG_INTERVAL, nanoClock);
        this.listener = listener;
        this.nanoClock = nanoClock;
        this.slotWait = new SlotWait(nanoClock);
        FailureFallback.logFailurePolicies(config);
        ShadowMode.logShadowPolicies(config);
        LOG.log(Level.INFO, "Local deny cache: {0}", config.denyCache());
    }

    /** One bucket key of each policy, and one lease key of each with a concurrency limit, for the readiness check's ACL check. */
    private static List<String> sampleKeys(Collection<CompiledPolicy> policies) {
        List<String> keys = new ArrayList<>();
        for (CompiledPolicy policy : policies) {
            String bucketKey = BucketKeys.key(policy.keyPrefix(), "x");
            keys.add(bucketKey);
            if (limitsInFlight(policy.config())) {
                keys.add(BucketKeys.leaseKey(bucketKey));
            }
        }
        return keys.stream().sorted().toList();
    }

    /** Whether the policy, or one of its tiers, has a concurrency limit. */
    private static boolean limitsInFlight(PolicyConfig policy) {
        return policy.hasConcurrency() || policy.tiers().values().stream().anyMatch(tier -> tier.concurrency() != null);
    }

    /** A limiter with its own connection pool to the configured Redis; loads the script when Redis is up. */
    public static RedisRateLimiter connect(LimiterConfig config) {
        return connect(config, DecisionListener.NONE);
    }

    /** As {@link #connect(LimiterConfig)}, telling {@code listener} about every decision. */
    public static RedisRateLimiter connect(LimiterConfig config, DecisionListener listener) {
        RedisRateLimiter limiter = new RedisRateLimiter(config, RedisClients.executor(config.redis()), listener,
                System::nanoTime);
        limiter.checkAtStartup();
        return limiter;
    }

    /**
     * Loads the script ahead of the first decision and runs it once as the readiness check does:
     * a Redis that cannot run it (too old, an ACL user without one of its commands, out of memory)
     * is logged as one ERROR naming the cause. Neither that nor a Redis that is down now stops the
     * application: the failure policies decide, and the first decision loads the script itself.
     */
    public void checkAtStartup() {
        RateLimiterUnavailableException loadRefused = null;
        try {
            guard.callIgnoringBreaker(() -> {
                script.load();
                return null;
            });
        } catch (RateLimiterUnavailableException e) {
            if (e instanceof RedisNotAskedException || RedisFailure.of(e) != RedisFailure.SCRIPT_FAILED) {
                LOG.log(Level.WARNING, "Redis is not reachable yet; the script loads with the first decision: {0}",
                        e.getMessage());
                return;
            }
            loadRefused = e;
        }
        if (readiness.checkAtStartup().up() && loadRefused != null) {
            readiness.reportRefusedLoad(loadRefused); // the script was cached already: fine until the cache empties
        }
    }

    @Override
    public PolicyConfig policy(String name) {
        return compiled(name).config();
    }

    private CompiledPolicy compiled(String policy) {
        CompiledPolicy compiled = policies.get(policy);
        if (compiled == null) {
            throw unknownPolicy(policy);
        }
        return compiled;
    }

    private IllegalArgumentException unknownPolicy(String policy) {
        return new IllegalArgumentException("unknown policy '" + policy + "'; configure "
                + "limiter.policy." + policy + ".limits (known: " + new TreeSet<>(policies.keySet()) + ")");
    }

    /**
     * {@inheritDoc}
     *
     * <p>A call that Redis would certainly reject, because it rejected this client for at least
     * this cost less than its retry-after ago, is rejected here without asking Redis.
     *
     * <p>When Redis cannot decide, the policy's failure policy does: {@code open} admits,
     * {@code local} asks this node's in-memory bucket, {@code closed} throws.
     *
     * <p>A policy in shadow mode decides alike (its bucket, deny cache and local buckets change as
     * when enforced) but turns a rejection into an allowed decision marked
     * {@link Decision#shadowRejected()}, which took nothing.
     *
     * @throws RateLimiterUnavailableException when Redis cannot decide and the policy's failure policy is {@code closed}
     */
    @Override
    public Decision tryAcquire(String policy, String tier, String clientKey, int cost) {
        CompiledPolicy compiled = checked(policy, tier, clientKey, cost);
        long start = nanoClock.getAsLong();
        String safeKey = BucketKeys.safeClientKey(clientKey);
        String bucketKey = compiled.keyPrefix() + safeKey;
        String leaseId = compiled.config().hasConcurrency() ? leaseIds.next() : null;
        Decision decision = denyCache.rejectLocally(bucketKey, compiled.tier(), cost);
        DecidedBy decidedBy = decision == null ? DecidedBy.REDIS : DecidedBy.DENY_CACHE;
        if (decision == null) {
            try {
                decision = askRedis(compiled, bucketKey, safeKey, cost, start, leaseId);
            } catch (RateLimiterUnavailableException failure) {
                decidedBy = DecidedBy.FAILURE_POLICY;
                decision = failurePolicyDecides(compiled, bucketKey, cost, failure, start, localLease(leaseId, safeKey));
            }
        }
        decision = shadowMode.apply(compiled.config(), decision, safeKey);
        listener.decided(decision, safeKey, decidedBy, nanoClock.getAsLong() - start);
        return decision;
    }

    /**
     * {@inheritDoc}
     *
     * <p>When Redis cannot answer, the failure policy does as it would decide, taking nothing:
     * {@code open} answers a full bucket, {@code local} this node's local bucket as it is,
     * {@code closed} throws. Not counted as a decision.
     */
    @Override
    public Decision peek(String policy, String tier, String clientKey, int cost) {
        CompiledPolicy compiled = checked(policy, tier, clientKey, cost);
        String bucketKey = BucketKeys.key(compiled.keyPrefix(), clientKey);
        Lease lease = compiled.lease(bucketKey, Lease.NO_ID);
        try {
            return compiled.inTier(Decisions.ofPeek(compiled.config(),
                    guard.callReadOnly(() -> script.peek(bucketKey, cost, compiled.limitArgs(), lease))));
        } catch (RateLimiterUnavailableException failure) {
            guard.decidedWithoutRedis(failure);
            return compiled.inTier(fallback.peek(compiled, bucketKey, cost, failure));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A refund that Redis cannot take (down, timed out, circuit open) is lost: the tokens stay
     * taken until they refill. It is logged with the outage, at most one line per 10 s, and counted
     * ({@link DecisionListener#refunded}). A refund under limits without a bucket limit (a
     * concurrency limit alone) does nothing.
     */
    @Override
    public void refund(String policy, String tier, String clientKey, int cost) {
        CompiledPolicy compiled = checked(policy, tier, clientKey, cost);
        if (compiled.config().limits().isEmpty()) {
            return; // a concurrency limit alone took no token: nothing to give back, nothing to ask Redis
        }
        listener.refunded(policy, cost, giveBack(compiled, BucketKeys.key(compiled.keyPrefix(), clientKey), cost));
    }

    /** @return whether Redis took the refund; a failure is logged, never thrown */
    private boolean giveBack(CompiledPolicy compiled, String bucketKey, int cost) {
        try {
            guard.call(() -> script.refund(bucketKey, cost, compiled.limitArgs()));
        } catch (RateLimiterUnavailableException failure) {
            guard.refundLost(failure);
            return false;
        }
        denyCache.forget(bucketKey);
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A release that Redis cannot take (down, timed out, circuit open), or that comes once
     * {@link #close()} has begun closing the connections (after its bounded wait for waiting
     * reservations, during which releases still go to Redis), is lost: the slot frees when its
     * lease times out. It is logged with
     * the outage, at most one line per 10 s, and counted ({@link DecisionListener#released}).
     */
    @Override
    public void release(Decision decision) {
        if (decision == null || !decision.holdsSlot()) {
            return;
        }
        CompiledPolicy compiled = compiled(decision.policy());
        String leaseId = decision.leaseId();
        LeaseIds.check(leaseId); // here, not inside the guarded call, where it would count as a Redis failure
        String safeKey = LeaseIds.safeClientKeyOf(leaseId);
        String bucketKey = compiled.keyPrefix() + safeKey;
        if (LeaseIds.isLocal(leaseId)) {
            fallback.release(tiers.get(compiled.config().name()).of(decision.tier()), bucketKey, leaseId);
            listener.released(decision.policy(), true);
            return;
        }
        if (executorClosing) {
            listener.released(decision.policy(), false);
            return;
        }
        giveSlotBack(compiled, bucketKey, LeaseIds.idOf(leaseId));
    }

    /**
     * Releases the lease and tells the listener whether it freed a live one, or had expired; a
     * failure is logged, counted as lost, never thrown.
     */
    private void giveSlotBack(CompiledPolicy compiled, String bucketKey, String id) {
        String policy = compiled.config().name();
        BucketReply reply;
        try {
            Lease lease = compiled.leaseToRelease(bucketKey, id);
            reply = guard.call(() -> script.release(bucketKey, lease));
        } catch (RateLimiterUnavailableException failure) {
            guard.refundLost(failure);
            listener.released(policy, false);
            return;
        }
        if (reply.allowed()) {
            listener.released(policy, true);
        } else {
            listener.leaseExpired(policy);
        }
    }

    private static String localLease(String leaseId, String safeKey) {
        return leaseId == null ? null : LeaseIds.local(leaseId, safeKey);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The wait is counted from the arrival of Redis's reply, so the caller never wakes before its
     * slot on the Redis clock. When Redis cannot decide, the failure policy decides at once, without
     * waiting: {@code open} admits, {@code local} asks this node's local bucket, {@code closed}
     * throws. An admitted call has {@code tokensTaken} true and no retry-after; its reset counts from
     * its slot. The listener hears of the decision once it is final, with the round trip's latency; a
     * reservation once its wait ends, as admitted, before the refund of a wait cut short.
     */
    @Override
    public Decision acquire(String policy, String tier, String clientKey, int cost, Duration maxWait) {
        CompiledPolicy compiled = checked(policy, tier, clientKey, cost);
        long maxWaitMillis = MaxWait.checkedMillis(Objects.requireNonNull(maxWait, "maxWait"), compiled.config());
        if (Thread.currentThread().isInterrupted()) {
            maxWaitMillis = 0; // it could not wait: a plain take, a real decision that reserves no slot
        }
        // Counted before it asks Redis, so that close() waits for a reservation on its way back too.
        synchronized (waiters) {
            if (closed) {
                throw closedException();
            }
            acquiring++;
        }
        try {
            return reserve(compiled, clientKey, cost, maxWaitMillis);
        } finally {
            synchronized (waiters) {
                acquiring--;
                waiters.notifyAll();
            }
        }
    }

    private Decision reserve(CompiledPolicy compiled, String clientKey, int cost, long maxWaitMillis) {
        long start = nanoClock.getAsLong();
        String safeKey = BucketKeys.safeClientKey(clientKey);
        String bucketKey = compiled.keyPrefix() + safeKey;
        String leaseId = compiled.config().hasConcurrency() ? leaseIds.next() : null;
        Lease lease = compiled.lease(bucketKey, leaseId);
        BucketReply reply;
        try {
            reply = guard.call(() -> script.reserve(bucketKey, cost, maxWaitMillis, compiled.limitArgs(), lease));
        } catch (RateLimiterUnavailableException failure) {
            Decision decision = shadowMode.apply(compiled.config(),
                    failurePolicyDecides(compiled, bucketKey, cost, failure, start, localLease(leaseId, safeKey)), safeKey);
            listener.decided(decision, safeKey, DecidedBy.FAILURE_POLICY, nanoClock.getAsLong() - start);
            return decision;
        }
        long arrived = nanoClock.getAsLong();
        String held = leaseId == null ? null : LeaseIds.held(leaseId, safeKey);
        Decision decision;
        if (!reply.allowed() || reply.retryAfterMillis() == 0) {
            decision = compiled.inTier(Decisions.of(compiled.config(), reply, held));
            learn(compiled, bucketKey, cost, start, reply, decision); // a reservation's rejection holds for a take too
            decision = shadowMode.apply(compiled.config(), decision, safeKey);
        } else if (compiled.config().shadow()) {
            decision = compiled.inTier(Decisions.of(compiled.config(), reply, held)); // reserved as when enforced, but shadow never delays
        } else {
            return waitForSlot(compiled, bucketKey, cost, reply, safeKey, held, arrived, arrived - start);
        }
        listener.decided(decision, safeKey, DecidedBy.REDIS, arrived - start);
        return decision;
    }

    /**
     * Sleeps until the reserved slot. The reservation is an admitted decision; a wait cut short by
     * the caller's interrupt or by {@link #close()} then gives the tokens back, counted as a refund,
     * so that admitted minus refunded stays what Redis holds. Only the caller's own interrupt is
     * restored.
     */
    private Decision waitForSlot(CompiledPolicy compiled, String bucketKey, int cost, BucketReply reply,
                                 String safeKey, String leaseId, long arrived, long latencyNanos) {
        Decision admitted = compiled.inTier(Decisions.afterWait(compiled.config(), reply, leaseId));
        SlotWait.Woken woken = slotWait.sleepUntilSlot(arrived, reply.retryAfterMillis());
        listener.decided(admitted, safeKey, DecidedBy.REDIS, latencyNanos); // Redis admitted it, whatever came after
        if (woken.slotCame()) {
            return admitted;
        }
        listener.refunded(compiled.config().name(), cost, giveBack(compiled, bucketKey, cost));
        if (leaseId != null) {
            giveSlotBack(compiled, bucketKey, LeaseIds.idOf(leaseId));
        }
        if (woken.interrupted()) {
            Thread.currentThread().interrupt();
        }
        return compiled.inTier(Decisions.interrupted(compiled.config(), reply, woken.leftMillis()));
    }

    /**
     * The failure policy's decision, the outage logged; the listener hears of a refusal here.
     *
     * @throws RateLimiterUnavailableException when the failure policy is {@code closed}
     */
    private Decision failurePolicyDecides(CompiledPolicy compiled, String bucketKey, int cost,
                                          RateLimiterUnavailableException failure, long start, String localLeaseId) {
        guard.decidedWithoutRedis(failure);
        try {
            return compiled.inTier(fallback.decide(compiled, bucketKey, cost, failure, localLeaseId));
        } catch (RateLimiterUnavailableException refused) {
            listener.refused(compiled.config().name(), nanoClock.getAsLong() - start);
            throw refused;
        }
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("the rate limiter is closed (or closing); its application is shutting down");
    }

    /**
     * The policy as it applies to the tier ({@link PolicyTiers#of}).
     *
     * @throws IllegalStateException once {@link #close()} has begun: Redis is not asked
     */
    private CompiledPolicy checked(String policy, String tier, String clientKey, int cost) {
        if (closed) {
            throw closedException();
        }
        PolicyTiers policyTiers = tiers.get(policy);
        if (policyTiers == null) {
            throw unknownPolicy(policy);
        }
        CompiledPolicy compiled = policyTiers.of(tier);
        Objects.requireNonNull(clientKey, "clientKey");
        compiled.checkCost(cost);
        return compiled;
    }

    /**
     * One {@code EVALSHA}; {@code sentNanos} was taken before it was sent, so the deny cache may count
     * from it. An admitted call of a policy with a concurrency limit holds {@code leaseId}.
     */
    private Decision askRedis(CompiledPolicy compiled, String bucketKey, String safeKey, int cost, long sentNanos,
                              String leaseId) {
        Lease lease = compiled.lease(bucketKey, leaseId);
        BucketReply reply = guard.call(() -> script.take(bucketKey, cost, compiled.limitArgs(), lease));
        Decision decision = compiled.inTier(Decisions.of(compiled.config(), reply,
                leaseId == null ? null : LeaseIds.held(leaseId, safeKey)));
        learn(compiled, bucketKey, cost, sentNanos, reply, decision);
        return decision;
    }

    /**
     * Tells the deny cache, but never of the concurrency limit's answers: a slot may free at any
     * moment (a release), so its rejection says nothing of the next call.
     */
    private void learn(CompiledPolicy compiled, String bucketKey, int cost, long sentNanos, BucketReply reply,
                       Decision decision) {
        if (!reply.byConcurrency(compiled.config().limits().size())) {
            denyCache.learn(bucketKey, cost, sentNanos, decision);
        }
    }

    /**
     * Asks Redis for a {@code PING}, past the circuit breaker, for health checks.
     *
     * @return the round trip's duration
     * @throws RateLimiterUnavailableException when Redis does not answer
     */
    public Duration ping() {
        long start = nanoClock.getAsLong();
        guard.callIgnoringBreaker(() -> executor.run(PING, List.of(), List.of()));
        return Duration.ofNanos(nanoClock.getAsLong() - start);
    }

    /**
     * Whether decisions can go to Redis, for health checks: DOWN while the circuit is open, else
     * the token-bucket script runs once on a reserved key (past the circuit breaker, counted in no
     * policy's statistics). Why it is DOWN goes to the log, at most once a minute while unchanged.
     */
    public RedisReadiness readiness() {
        return readiness.check();
    }

    /** Rejections answered by this node's deny cache since the start, without asking Redis. */
    public long localDenials() {
        return denyCache.localDenials();
    }

    /** How many commands each pipelined write to Redis carried ({@code limiter.redis.pipelining}). */
    public BatchSizes batchSizes() {
        return executor.batchSizes();
    }

    /** The circuit breaker's state: {@code CLOSED} while decisions go to Redis. */
    public CircuitBreaker.State circuitState() {
        return guard.circuitState();
    }

    /**
     * Refuses every later call, wakes the threads waiting in {@link #acquire} (without interrupting
     * them), waits a bounded time for their refunds to reach Redis (releases of slots still go
     * there meanwhile), then closes the executor, also
     * when the shadow log's flush fails. A caller's interrupt is restored only once all that is done.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        boolean interrupted = Thread.interrupted(); // held back: a set flag would cut executor.close()'s bounded waits
        try {
            synchronized (waiters) {
                closed = true;
                slotWait.close();
                for (long left = CLOSE_WAIT.toNanos(); acquiring > 0 && left > 0; left = deadline - System.nanoTime()) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(waiters, left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            shadowMode.flush();
        } finally {
            executorClosing = true;
            try {
                executor.close();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt(); // only now: executor.close() waits bounded times itself
                }
            }
        }
    }
}
