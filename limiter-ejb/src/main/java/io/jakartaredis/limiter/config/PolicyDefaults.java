package io.jakartaredis.limiter.config;

/**
 * Limits that code declares for a policy (e.g. in {@code @RateLimited}), used when no
 * {@code limiter.policy.<name>.limits} property is set.
 *
 * @param limits the limits text, e.g. {@code 10/1s, 1000/1h}
 * @param origin where it was declared, for error messages, e.g. {@code @RateLimited on com.example.Api#search}
 */
public record PolicyDefaults(String limits, String origin) {
}
