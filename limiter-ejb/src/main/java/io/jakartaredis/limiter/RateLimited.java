package io.jakartaredis.limiter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Limits calls of a CDI bean or EJB method (or of every method of a type) under a named policy.
 * A call over the limit throws {@link RateLimitExceededException}; the method does not run.
 *
 * <p>The attributes are defaults: MicroProfile Config overrides them per policy at deployment
 * ({@code limiter.policy.<name>.limits}, {@code .key}, {@code .cost}, {@code .count-on},
 * {@code .refund-on}, {@code .max-wait}, {@code .concurrency}, {@code .lease-timeout}), so operators
 * change limits without a rebuild. A policy must have limits or a concurrency limit from one of the
 * two, or the deployment fails.
 *
 * <pre>
 * &#64;RateLimited(policy = "search", limits = "10/1s, 1000/1h", key = "header:X-Api-Key")
 * public List&lt;Hit&gt; search(String query) { … }
 *
 * // only failed logins count: 5 per 15 minutes per user
 * &#64;RateLimited(policy = "login", limits = "5/15m", key = "header:X-User", countOn = InvalidCredentialsException.class)
 * public Session login(Credentials credentials) throws InvalidCredentialsException { … }
 *
 * // at most 4 reports of one tenant in flight, on every node together, and 100 per hour
 * &#64;RateLimited(policy = "reports", limits = "100/1h", concurrency = 4, leaseTimeout = "2m", key = "principal")
 * public Report build(ReportRequest request) { … }
 * </pre>
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RateLimited {

    /** The policy name: 1 to 64 letters, digits, {@code -} or {@code _}. */
    @Nonbinding
    String policy();

    /** Default limits, e.g. {@code "10/1s, 1000/1h"}; empty: only from {@code limiter.policy.<name>.limits}. */
    @Nonbinding
    String limits() default "";

    /**
     * Default key strategy: {@code ip} (the HTTP client's address, trusted-proxy aware),
     * {@code principal} (the caller; anonymous callers fall back to their address),
     * {@code header:<Name>} (a request header; absent means the client's address) or
     * {@code global} (one bucket for every caller). Ignored when {@link #keyResolver()} is set.
     */
    @Nonbinding
    String key() default "ip";

    /** A CDI bean that computes the key from the call, instead of {@link #key()}. */
    @Nonbinding
    Class<? extends KeyResolver> keyResolver() default KeyResolver.class;

    /** Default tokens per call, at least 1. */
    @Nonbinding
    int cost() default 1;

    /**
     * When not empty, only calls that throw one of these (or a subclass) count: a call that
     * returns, or throws anything else, gets its tokens back after it ran. The tokens are still
     * taken before the call, so at most the capacity of calls run at once.
     */
    @Nonbinding
    Class<? extends Throwable>[] countOn() default {};

    /**
     * Calls that throw one of these (or a subclass) get their tokens back after they ran; this
     * wins over {@link #countOn()}.
     */
    @Nonbinding
    Class<? extends Throwable>[] refundOn() default {};

    /**
     * How long a call may wait for its tokens instead of being rejected at once, e.g.
     * {@code "5s"} ({@link RateLimiter#acquire}); empty or {@code "0"}: no waiting. A call whose
     * wait would be longer, or whose wait is interrupted (the interrupt flag stays set), throws
     * {@link RateLimitExceededException}.
     */
    @Nonbinding
    String maxWait() default "";

    /**
     * Default concurrency limit: at most this many calls of one key run at once, across every node
     * ({@code limiter.policy.<name>.concurrency}); 0: none. A call takes one slot whatever its cost,
     * and gives it back when the method returns or throws; over the limit it throws
     * {@link RateLimitExceededException} at once, also with {@link #maxWait()} (which waits only
     * for tokens).
     */
    @Nonbinding
    int concurrency() default 0;

    /**
     * Default lease timeout of the concurrency limit, e.g. {@code "30s"}
     * ({@code limiter.policy.<name>.lease-timeout}); empty: 30 s. A slot whose call has not given it
     * back after this long (a node that died) frees: set it above the longest call.
     */
    @Nonbinding
    String leaseTimeout() default "";
}
