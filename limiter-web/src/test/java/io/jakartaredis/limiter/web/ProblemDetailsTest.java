package io.jakartaredis.limiter.web;

import static io.jakartaredis.limiter.web.FakeRateLimiter.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.Decision;

class ProblemDetailsTest {

    @Test
    void isAQuotaExceededProblemNamingTheViolatedQuotaItem() {
        Decision decision = new Decision("api", false, 1000, Duration.ofHours(1), 0, 3_000, 3_600_000, 1);
        String body = ProblemDetails.quotaExceeded(new PolicyDecision(policy("api", "10/1s, 1000/1h"), decision), 3);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "https://iana.org/assignments/http-problem-types#quota-exceeded");
        expected.put("title", "Quota Exceeded");
        expected.put("status", 429L);
        expected.put("detail", "Quota api-2 (1000/1h) of policy api is used up; retry after 3 seconds.");
        expected.put("violated-policies", List.of("api-2"));
        expected.put("retry-after", 3L);
        assertEquals(expected, MiniJson.parse(body));
    }

    @Test
    void saysOneSecondInTheSingular() {
        Decision decision = new Decision("login", false, 5, Duration.ofMinutes(1), 0, 10, 60_000);
        String body = ProblemDetails.quotaExceeded(new PolicyDecision(policy("login", "5/1m"), decision), 1);
        assertEquals("Quota login-1 (5/1m) of policy login is used up; retry after 1 second.",
                ((Map<?, ?>) MiniJson.parse(body)).get("detail"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "quote\" and \\ backslash", "line\r\nbreak\ttab", "nul\u0000 bell\u0007 del\u007f",
        "é ü 中文 \uD83D\uDE00", "separators \u2028\u2029", "lone \uD800 surrogate", "</script>"})
    void escapesAnyStringIntoPrintableAsciiThatReadsBackTheSame(String value) {
        String json = ProblemDetails.string(value);
        assertTrue(json.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), json);
        assertEquals(value, MiniJson.parse(json));
    }
}
