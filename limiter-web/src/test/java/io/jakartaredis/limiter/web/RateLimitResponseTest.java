package io.jakartaredis.limiter.web;

import static io.jakartaredis.limiter.web.FakeRateLimiter.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.web.RateLimitResponse.HeaderField;

class RateLimitResponseTest {

    private static final PolicyConfig API = policy("api", "10/1s, 1000/1h");
    private static final PolicyConfig LOGIN = policy("login", "5/1m");

    private static PolicyDecision apiSecond(long remaining, long resetMillis) {
        return new PolicyDecision(API, new Decision("api", true, 10, Duration.ofSeconds(1), remaining, 0, resetMillis));
    }

    private static PolicyDecision loginRejected(long retryMillis) {
        return new PolicyDecision(LOGIN, new Decision("login", false, 5, Duration.ofMinutes(1), 0, retryMillis, 60_000));
    }

    private static Map<String, String> fields(RateLimitResponse response) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (HeaderField field : response.headers()) {
            fields.put(field.name(), field.value());
        }
        return fields;
    }

    @Test
    void aRejectionDescribesTheRejectingPolicyAndWhenToRetry() {
        RateLimitResponse response = RateLimitResponse.rejected(loginRejected(11_200), false);
        assertEquals(Map.of("RateLimit-Policy", "\"login-1\";q=5;w=60", "RateLimit", "\"login-1\";r=0;t=12",
                "Retry-After", "12"), fields(response));
        assertEquals(List.of("RateLimit-Policy", "RateLimit", "Retry-After"),
                response.headers().stream().map(HeaderField::name).toList());
        assertTrue(response.rejects());
        assertEquals("login-1", ProblemJson.read(response.problem().orElseThrow()).getJsonArray("violated-policies").getString(0));
    }

    @Test
    void retryAfterIsNeverEarlierThanTheEffectiveWindow() {
        for (long millis : new long[] {1, 999, 1000, 1001, 59_999, 60_000, 3_600_001}) {
            Map<String, String> fields = fields(RateLimitResponse.rejected(loginRejected(millis), false));
            String limit = fields.get("RateLimit");
            long t = Long.parseLong(limit.substring(limit.indexOf(";t=") + 3));
            long retryAfter = Long.parseLong(fields.get("Retry-After"));
            assertTrue(retryAfter >= t && retryAfter >= 1, limit + " / Retry-After " + retryAfter);
        }
    }

    @Test
    void legacyFieldsRepeatTheRejectingLimit() {
        Map<String, String> fields = fields(RateLimitResponse.rejected(loginRejected(1_500), true));
        assertEquals("5", fields.get("X-RateLimit-Limit"));
        assertEquals("0", fields.get("X-RateLimit-Remaining"));
        assertEquals("2", fields.get("X-RateLimit-Reset"));
    }

    @Test
    void anAllowedRequestListsEachPolicyOnceWithItsLatestDecision() {
        PolicyDecision login = new PolicyDecision(LOGIN, new Decision("login", true, 5, Duration.ofMinutes(1), 4, 0, 12_000));
        RateLimitResponse response = RateLimitResponse.allowed(List.of(apiSecond(8, 200), login, apiSecond(6, 400)), false);
        Map<String, String> fields = fields(response);
        assertEquals("\"api-1\";q=10;w=1, \"api-2\";q=1000;w=3600, \"login-1\";q=5;w=60", fields.get("RateLimit-Policy"));
        assertEquals("\"api-1\";r=6;t=1, \"login-1\";r=4;t=12", fields.get("RateLimit"));
        assertFalse(fields.containsKey("Retry-After"));
        assertFalse(response.rejects());
        fields.values().forEach(StructuredFieldSyntax::assertValidList);
    }

    @Test
    void legacyFieldsOfAnAllowedRequestDescribeTheDecisionWithFewestTokensLeft() {
        PolicyDecision login = new PolicyDecision(LOGIN, new Decision("login", true, 5, Duration.ofMinutes(1), 4, 0, 12_000));
        Map<String, String> fields = fields(RateLimitResponse.allowed(List.of(apiSecond(8, 200), login), true));
        assertEquals("5", fields.get("X-RateLimit-Limit"));
        assertEquals("4", fields.get("X-RateLimit-Remaining"));
        assertEquals("12", fields.get("X-RateLimit-Reset"));
    }

    @Test
    void noDecisionNoFields() {
        assertEquals(List.of(), RateLimitResponse.allowed(List.of(), true).headers());
    }

    @Test
    void writesARejectionAsProblemJsonWithItsLength() throws IOException {
        ServletFakes.Captured captured = new ServletFakes.Captured();
        RateLimitResponse rejection = RateLimitResponse.rejected(loginRejected(2_000), false);
        rejection.writeTo(captured.response());
        assertEquals(429, captured.status);
        assertEquals("application/problem+json", captured.contentType);
        assertEquals(rejection.problem().orElseThrow(), captured.body());
        assertEquals(captured.body.size(), captured.contentLength);
        assertEquals(fields(rejection), captured.headers);
    }
}
