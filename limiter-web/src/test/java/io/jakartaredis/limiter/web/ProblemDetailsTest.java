package io.jakartaredis.limiter.web;

import static io.jakartaredis.limiter.web.FakeRateLimiter.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.config.PolicyConfig;

class ProblemDetailsTest {

    @Test
    void isAQuotaExceededProblemNamingTheViolatedQuotaItem() {
        Decision decision = new Decision("api", false, 1000, Duration.ofHours(1), 0, 3_000, 3_600_000, 1);
        String body = ProblemDetails.quotaExceeded(new PolicyDecision(policy("api", "10/1s, 1000/1h"), decision), 3);

        JsonObject expected = Json.createObjectBuilder()
                .add("type", "https://iana.org/assignments/http-problem-types#quota-exceeded")
                .add("title", "Quota Exceeded")
                .add("status", 429)
                .add("detail", "Quota api-2 (1000/1h) of policy api is used up; retry after 3 seconds.")
                .add("violated-policies", Json.createArrayBuilder().add("api-2"))
                .add("retry-after", 3)
                .build();
        assertEquals(expected, ProblemJson.read(body));
    }

    @Test
    void keepsTheCompactFormThatClientsMayMatchTextually() {
        Decision decision = new Decision("login", false, 5, Duration.ofMinutes(1), 0, 10, 60_000);
        assertEquals("{\"type\":\"https://iana.org/assignments/http-problem-types#quota-exceeded\",\"title\":\"Quota Exceeded\","
                        + "\"status\":429,\"detail\":\"Quota login-1 (5/1m) of policy login is used up; retry after 1 second.\","
                        + "\"violated-policies\":[\"login-1\"],\"retry-after\":1}",
                ProblemDetails.quotaExceeded(new PolicyDecision(policy("login", "5/1m"), decision), 1));
    }

    @Test
    void anUnavailableLimiterIsAnAboutBlankProblemWithTheStatusPhrase() {
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                        + "\"detail\":\"The rate limiter cannot decide right now; retry after 2 seconds.\",\"retry-after\":2}",
                ProblemDetails.serviceUnavailable(2));
    }

    static Stream<String> hostileNames() {
        return Stream.of("quote\" and \\ backslash", "line\r\nbreak\ttab\bback\fform", "nul\u0000 bell\u0007 esc\u001b del\u007f",
                "é ü 中文 \uD83D\uDE00", "separators \u2028\u2029", "</script><!--", "\"}],\"status\":200,\"x\":[\"",
                "long " + "\\\"".repeat(50_000));
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void anyNameIsWrittenAsJsonThatReadsBackTheSame(String name) {
        JsonObject problem = ProblemJson.read(rejectionOf(name));
        assertEquals(name + "-1", problem.getJsonArray("violated-policies").getString(0));
        assertEquals("Quota " + name + "-1 (5/1m) of policy " + name + " is used up; retry after 7 seconds.", problem.getString("detail"));
        assertEquals(429, problem.getInt("status"), "nothing in a name can add or change a member");
        assertEquals(6, problem.size());
    }

    @Test
    void aLoneSurrogateWhichUtf8CannotCarryStillGivesValidJson() {
        JsonObject problem = ProblemJson.read(rejectionOf("lone \uD800 surrogate"));
        assertEquals("lone ? surrogate-1", problem.getJsonArray("violated-policies").getString(0),
                "the encoder's replacement, as for any unencodable text");
        assertTrue(problem.getString("detail").startsWith("Quota lone ? surrogate-1 "));
    }

    private static String rejectionOf(String policyName) {
        PolicyConfig policy = new PolicyConfig(policyName, LimiterConfigReader.parseLimits("test", "5/1m"));
        Decision decision = new Decision(policyName, false, 5, Duration.ofMinutes(1), 0, 7_000, 60_000);
        return ProblemDetails.quotaExceeded(new PolicyDecision(policy, decision), 7);
    }
}
