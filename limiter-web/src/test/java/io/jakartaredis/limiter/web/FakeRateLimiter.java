package io.jakartaredis.limiter.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.config.PolicyConfig;

/** A rate limiter that allows every policy but the rejecting ones, describing each policy's first limit, and records its calls. */
final class FakeRateLimiter implements RateLimiter {

    /** One {@code tryAcquire}. */
    record Call(String policy, String key, int cost) {
    }

    static final long REMAINING = 7;
    static final long RETRY_AFTER_MILLIS = 2_500;
    static final long RESET_AFTER_MILLIS = 4_001;

    final List<Call> calls = new ArrayList<>();
    private final Map<String, PolicyConfig> policies = new LinkedHashMap<>();
    private final Set<String> rejecting = new HashSet<>();
    private final Set<String> unavailable = new HashSet<>();
    private final Set<String> untaken = new HashSet<>();
    private final Map<String, RuntimeException> failing = new HashMap<>();

    /** Policies written as in configuration: {@code "api", "10/1s, 1000/1h"}, … */
    FakeRateLimiter(String... namesAndLimits) {
        for (int i = 0; i < namesAndLimits.length; i += 2) {
            policies.put(namesAndLimits[i], policy(namesAndLimits[i], namesAndLimits[i + 1]));
        }
    }

    static PolicyConfig policy(String name, String limits) {
        return new PolicyConfig(name, LimiterConfigReader.parseLimits("test", limits));
    }

    /** Calls of the policy throw, as when Redis cannot decide and the policy's on-failure is closed. */
    FakeRateLimiter unavailable(String policy) {
        unavailable.add(policy);
        return this;
    }

    /** Calls of the policy are allowed having taken nothing, as shadow rejections and failure-policy admissions are. */
    FakeRateLimiter admittingUntaken(String policy) {
        untaken.add(policy);
        return this;
    }

    /** Calls of the policy throw {@code failure}, as a key the limiter refuses does. */
    FakeRateLimiter failing(String policy, RuntimeException failure) {
        failing.put(policy, failure);
        return this;
    }

    FakeRateLimiter rejecting(String policy) {
        rejecting.add(policy);
        return this;
    }

    @Override
    public void release(Decision decision) {
        throw new UnsupportedOperationException("no policy of this fake has a concurrency limit");
    }

    @Override
    public Decision tryAcquire(String policy, String tier, String clientKey, int cost) {
        calls.add(new Call(policy, clientKey, cost));
        if (unavailable.contains(policy)) {
            throw new RateLimiterUnavailableException("policy '" + policy + "' refuses calls while Redis cannot decide", null);
        }
        if (failing.containsKey(policy)) {
            throw failing.get(policy);
        }
        Limit first = policy(policy).limits().get(0);
        boolean allowed = !rejecting.contains(policy);
        return new Decision(policy, allowed, first.tokens(), first.window(), allowed ? REMAINING : 0,
                allowed ? 0 : RETRY_AFTER_MILLIS, RESET_AFTER_MILLIS, 0, false, allowed && !untaken.contains(policy));
    }

    /** One {@code refund}. */
    record Refund(String policy, String key, int cost) {
    }

    final List<Refund> refunds = new ArrayList<>();
    /** Thrown by every refund after recording it, when set. */
    Error refundFailure;

    @Override
    public Decision peek(String policy, String tier, String clientKey, int cost) {
        throw new UnsupportedOperationException("the filter never peeks");
    }

    @Override
    public void refund(String policy, String tier, String clientKey, int cost) {
        refunds.add(new Refund(policy, clientKey, cost));
        if (refundFailure != null) {
            throw refundFailure;
        }
    }

    @Override
    public Decision acquire(String policy, String tier, String clientKey, int cost, Duration maxWait) {
        throw new UnsupportedOperationException("the filter never waits");
    }

    @Override
    public PolicyConfig policy(String name) {
        PolicyConfig policy = policies.get(name);
        if (policy == null) {
            throw new IllegalArgumentException("unknown policy '" + name + "'");
        }
        return policy;
    }
}
