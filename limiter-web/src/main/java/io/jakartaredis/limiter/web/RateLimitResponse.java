package io.jakartaredis.limiter.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import io.jakartaredis.limiter.Decision;

/**
 * What a limited request is answered, built once for the servlet filter and the JAX-RS exception
 * mappers alike, so that both answer exactly the same: the header fields, and for a rejection the
 * problem body (status 429), or for a limiter that cannot decide a 503 problem.
 *
 * @param status  the status of a refusal (429 or 503); ignored when the request may proceed
 * @param headers the header fields, in order
 * @param problem the problem-details body of a refusal; empty when the request may proceed
 */
record RateLimitResponse(int status, List<HeaderField> headers, Optional<String> problem) {

    /** Redis outages are short and the circuit breaker probes well within a second: clients may retry soon. */
    static final long UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

    /** The request may proceed; its fields are those of the decisions taken while it is served ({@link ResponseFields}). */
    static final RateLimitResponse PROCEED = new RateLimitResponse(200, List.of(), Optional.empty());

    /** One header field line. */
    record HeaderField(String name, String value) {
    }

    RateLimitResponse {
        headers = List.copyOf(headers);
    }

    /**
     * The fields of a request that every matching rule allowed. When several decisions come from
     * one policy, the latest tells its current state. A policy in shadow mode is left out unless
     * its {@code shadow-headers} is set (clients must not adapt to a limit that is not enforced);
     * then it is described as if enforced, a shadow rejection with {@code r=0} and its retry-after,
     * but the request proceeds.
     */
    static RateLimitResponse allowed(Collection<PolicyDecision> decisions, boolean legacyHeaders) {
        List<PolicyDecision> latest = latestByPolicy(decisions);
        if (latest.isEmpty()) {
            return new RateLimitResponse(200, List.of(), Optional.empty());
        }
        List<HeaderField> headers = rateLimitFields(latest);
        if (legacyHeaders) {
            headers = new ArrayList<>(headers);
            headers.addAll(legacyFields(tightest(latest)));
        }
        return new RateLimitResponse(200, headers, Optional.empty());
    }

    /** The latest decision of each advertised policy, in the order of each policy's first decision. */
    private static List<PolicyDecision> latestByPolicy(Collection<PolicyDecision> decisions) {
        if (decisions.size() == 1) { // a request under one rule: nothing to merge
            PolicyDecision only = decisions.iterator().next();
            return only.policy().advertised() ? List.of(only) : List.of();
        }
        Map<String, PolicyDecision> latestByPolicy = new LinkedHashMap<>();
        for (PolicyDecision each : decisions) {
            if (each.policy().advertised()) {
                latestByPolicy.put(each.policy().name(), each);
            }
        }
        return List.copyOf(latestByPolicy.values());
    }

    /** The decision nearest to a rejection: fewest tokens left, then the longest effective window. */
    private static PolicyDecision tightest(Collection<PolicyDecision> decisions) {
        Comparator<PolicyDecision> fewestLeft = Comparator.comparingLong(d -> d.decision().remaining());
        Comparator<PolicyDecision> longestWindow = Comparator.comparingLong(d -> -QuotaFields.effectiveWindowSeconds(d.decision()));
        return decisions.stream().min(fewestLeft.thenComparing(longestWindow)).orElseThrow();
    }

    /**
     * The 429 answer to a rejected request. It describes the rejecting policy only, so that
     * {@code Retry-After} is never earlier than the {@code t} of any item in {@code RateLimit}.
     */
    static RateLimitResponse rejected(PolicyDecision rejection, boolean legacyHeaders) {
        long retryAfter = QuotaFields.retryAfterSeconds(rejection.decision());
        List<HeaderField> headers = new ArrayList<>(rateLimitFields(List.of(rejection)));
        headers.add(new HeaderField(RateLimitHeaders.RETRY_AFTER, Long.toString(retryAfter)));
        if (legacyHeaders) {
            headers.addAll(legacyFields(rejection));
        }
        return new RateLimitResponse(RateLimitHeaders.TOO_MANY_REQUESTS, headers, Optional.of(rejection.problem(retryAfter)));
    }

    /**
     * The 503 answer when the limiter cannot decide (Redis unavailable, policy {@code on-failure=closed}):
     * {@code Retry-After} and a problem body, never 429, which would blame the client.
     */
    static RateLimitResponse unavailable() {
        long retryAfter = UNAVAILABLE_RETRY_AFTER_SECONDS;
        return new RateLimitResponse(RateLimitHeaders.SERVICE_UNAVAILABLE,
                List.of(new HeaderField(RateLimitHeaders.RETRY_AFTER, Long.toString(retryAfter))),
                Optional.of(ProblemDetails.serviceUnavailable(retryAfter)));
    }

    private static List<HeaderField> rateLimitFields(List<PolicyDecision> decisions) {
        return List.of(new HeaderField(RateLimitHeaders.RATELIMIT_POLICY, QuotaFields.policyFieldOf(decisions)),
                new HeaderField(RateLimitHeaders.RATELIMIT, QuotaFields.limitField(decisions)));
    }

    private static List<HeaderField> legacyFields(PolicyDecision tightest) {
        Decision decision = tightest.decision();
        return List.of(new HeaderField(RateLimitHeaders.X_RATELIMIT_LIMIT, Long.toString(decision.limit())),
                new HeaderField(RateLimitHeaders.X_RATELIMIT_REMAINING, Long.toString(decision.remaining())),
                new HeaderField(RateLimitHeaders.X_RATELIMIT_RESET, Long.toString(QuotaFields.effectiveWindowSeconds(decision))));
    }

    /** Whether the request must be refused, with {@link #status()}. */
    boolean rejects() {
        return problem.isPresent();
    }

    /** Sets the header fields and, for a refusal, the status and body. */
    void writeTo(HttpServletResponse response) throws IOException {
        for (HeaderField field : headers) {
            if (!field.value().isEmpty()) { // an empty list is no field
                response.setHeader(field.name(), field.value());
            }
        }
        if (problem.isPresent()) {
            byte[] body = problem.get().getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.setContentType(RateLimitHeaders.PROBLEM_JSON);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
