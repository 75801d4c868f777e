package io.jakartaredis.limiter.web;

/**
 * The names and constants of what limited HTTP responses carry. The {@code RateLimit} fields
 * follow draft-ietf-httpapi-ratelimit-headers-11 (May 2026); the rejection body is RFC 9457
 * problem details of that draft's {@code quota-exceeded} type.
 */
public final class RateLimitHeaders {

    /** The quota policies that apply: {@code "api-1";q=10;w=1, "api-2";q=1000;w=3600}. */
    public static final String RATELIMIT_POLICY = "RateLimit-Policy";

    /** What is left under each policy that applied: {@code "api-1";r=7;t=1}. */
    public static final String RATELIMIT = "RateLimit";

    /** Whole seconds to wait before retrying, on a rejection; never 0. */
    public static final String RETRY_AFTER = "Retry-After";

    /** Legacy, with {@code limiter.web.legacy-headers=true}: capacity of the tightest limit, in tokens. */
    public static final String X_RATELIMIT_LIMIT = "X-RateLimit-Limit";

    /** Legacy: whole tokens left in the tightest limit. */
    public static final String X_RATELIMIT_REMAINING = "X-RateLimit-Remaining";

    /** Legacy: seconds until the tightest limit is full again, or, on a rejection, until a retry can pass. */
    public static final String X_RATELIMIT_RESET = "X-RateLimit-Reset";

    /** The media type of the rejection body. */
    public static final String PROBLEM_JSON = "application/problem+json";

    /** The problem type of the rejection body. */
    public static final String QUOTA_EXCEEDED_TYPE = "https://iana.org/assignments/http-problem-types#quota-exceeded";

    /** 429 Too Many Requests (RFC 6585). */
    public static final int TOO_MANY_REQUESTS = 429;

    /** 503 Service Unavailable: the limiter cannot decide and the policy's {@code on-failure} is {@code closed}. */
    public static final int SERVICE_UNAVAILABLE = 503;

    private RateLimitHeaders() {
    }
}
