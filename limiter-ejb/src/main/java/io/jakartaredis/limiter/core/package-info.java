/**
 * The limiter as plain Java: policies compiled once, safe bucket keys, and
 * {@link io.jakartaredis.limiter.core.RedisRateLimiter}. Imports no container API.
 */
package io.jakartaredis.limiter.core;
