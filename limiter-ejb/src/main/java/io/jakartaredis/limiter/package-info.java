/**
 * The public API: {@link io.jakartaredis.limiter.RateLimiter}, its
 * {@link io.jakartaredis.limiter.Decision} and exceptions. Configuration lives in
 * {@code config}, the algorithm in {@code core}, Redis access in {@code redis}, and the CDI
 * adapters in {@code cdi}.
 */
package io.jakartaredis.limiter;
