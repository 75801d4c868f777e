package io.jakartaredis.limiter.config;

/**
 * What code declares for a policy (e.g. in {@code @RateLimited}), used where no
 * {@code limiter.policy.<name>.*} property is set.
 *
 * @param limits       the limits text, e.g. {@code 10/1s, 1000/1h}; blank for none
 * @param origin       where the limits were declared, for error messages, e.g.
 *                     {@code @RateLimited(limits) on com.example.Api#search}
 * @param concurrency  the concurrency limit's slots, 0 for none
 * @param leaseTimeout the lease timeout text, e.g. {@code 30s}; blank for the default
 * @param site         where it was declared, e.g. {@code com.example.Api#search}, for errors of
 *                     {@code concurrency} and {@code leaseTimeout}
 */
public record PolicyDefaults(String limits, String origin, int concurrency, String leaseTimeout, String site) {

    /** Limits only. */
    public PolicyDefaults(String limits, String origin) {
        this(limits, origin, 0, "", origin);
    }
}
