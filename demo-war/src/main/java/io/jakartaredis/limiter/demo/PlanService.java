package io.jakartaredis.limiter.demo;

import jakarta.enterprise.context.ApplicationScoped;

import io.jakartaredis.limiter.RateLimited;

/**
 * The demo's plan: per API key, 10 reports per second and 5 million per calendar month (UTC), at
 * most 4 in flight; the gold tier ({@link PlanTiers}) gets ten times that, from
 * {@code microprofile-config.properties}.
 */
@ApplicationScoped
public class PlanService {

    /** The longest work a caller may ask for: a report holds its slot this long at most. */
    static final long MAX_WORK_MILLIS = 5_000;

    /**
     * Builds a report, taking {@code workMillis} to do it so that a few parallel calls show the
     * concurrency limit.
     *
     * @throws InterruptedException when the server interrupts the work (it is shutting down)
     */
    @RateLimited(policy = "plan", key = "header:X-Api-Key", limits = "10/1s, 5000000/month", concurrency = 4,
            leaseTimeout = "30s")
    public String report(long workMillis) throws InterruptedException {
        long work = Math.max(0, Math.min(workMillis, MAX_WORK_MILLIS));
        Thread.sleep(work);
        return "report built in " + work + " ms\n";
    }
}
