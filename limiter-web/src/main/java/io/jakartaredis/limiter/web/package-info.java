/**
 * HTTP for the rate limiter: the {@link io.jakartaredis.limiter.web.RateLimitFilter} that limits
 * requests by the rules of {@code limiter.web.rules.*}, installed by
 * {@link io.jakartaredis.limiter.web.RateLimitFilterInitializer}; and the JAX-RS
 * {@link io.jakartaredis.limiter.web.RateLimitExceededMapper}. Both answer alike: the
 * {@code RateLimit-Policy} and {@code RateLimit} fields of draft-ietf-httpapi-ratelimit-headers-11
 * ({@link io.jakartaredis.limiter.web.RateLimitHeaders}), and a rejection as {@code 429} with
 * {@code Retry-After} and an RFC 9457 {@code quota-exceeded} problem. This package only
 * translates decisions into HTTP; the limiting itself is the core's.
 */
package io.jakartaredis.limiter.web;
