/**
 * Bounded behaviour when Redis fails, as plain Java with an injected clock: the
 * {@link io.jakartaredis.limiter.resilience.CircuitBreaker}, the
 * {@link io.jakartaredis.limiter.resilience.ConnectionGate} that bounds the wait for a connection,
 * the rate-limited {@link io.jakartaredis.limiter.resilience.OutageLog} and the in-memory
 * {@link io.jakartaredis.limiter.resilience.LocalBuckets} of the {@code local} failure policy.
 * Imports no container API.
 */
package io.jakartaredis.limiter.resilience;
