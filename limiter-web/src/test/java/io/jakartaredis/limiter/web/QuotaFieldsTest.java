package io.jakartaredis.limiter.web;

import static io.jakartaredis.limiter.web.FakeRateLimiter.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.Concurrency;
import io.jakartaredis.limiter.config.FailurePolicy;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.config.PolicyMode;

class QuotaFieldsTest {

    private static final PolicyConfig API = policy("api", "10/1s, 1000/1h");
    private static final PolicyConfig LOGIN = policy("login", "5/1m");

    private static Decision allowed(long limit, Duration window, long remaining, long resetMillis) {
        return new Decision("api", true, limit, window, remaining, 0, resetMillis);
    }

    private static Decision allowed(long limit, Duration window, long remaining, long resetMillis, int limitIndex) {
        return new Decision("api", true, limit, window, remaining, 0, resetMillis, limitIndex);
    }

    private static Decision rejected(long limit, Duration window, long retryMillis) {
        return new Decision("api", false, limit, window, 0, retryMillis, retryMillis + 500);
    }

    @Test
    void listsEveryLimitOfEveryPolicyAsOneQuotaItem() {
        String field = QuotaFields.policyField(List.of(API, LOGIN));
        assertEquals("\"api-1\";q=10;w=1, \"api-2\";q=1000;w=3600, \"login-1\";q=5;w=60", field);
        StructuredFieldSyntax.assertValidList(field);
    }

    @ParameterizedTest(name = "{0} -> w={1}")
    @CsvSource({"5/250ms, 1", "3/1500ms, 2", "7/2d, 172800", "1/1001ms, 2", "4/PT1M, 60"})
    void roundsWindowsUpToWholeSecondsNeverZero(String limits, long windowSeconds) {
        String field = QuotaFields.policyField(List.of(policy("p", limits)));
        assertEquals(";w=" + windowSeconds, field.substring(field.lastIndexOf(';')));
    }

    @Test
    void advertisesTheLargestQuotasAndACalendarLimitsLongestPeriod() {
        String field = QuotaFields.policyField(List.of(policy("plan", "1000000000/366d, 5000000/month, 10000/day")));
        assertEquals("\"plan-1\";q=1000000000;w=31622400, \"plan-2\";q=5000000;w=2678400, \"plan-3\";q=10000;w=86400", field);
        StructuredFieldSyntax.assertValidList(field);
    }

    /** A Berlin day lasts 25 h when the clocks go back: w is that longest day, so q per w never overstates one day's quota. */
    @Test
    void aCalendarLimitsWIsItsLongestPeriodInItsZoneDstIncluded() {
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        PolicyConfig plan = new PolicyConfig("plan",
                io.jakartaredis.limiter.config.LimiterConfigReader.parseLimits("p", "10000/day, 5000000/month", berlin));
        String field = QuotaFields.policyField(List.of(plan));
        assertEquals("\"plan-1\";q=10000;w=90000, \"plan-2\";q=5000000;w=2682000", field);
        StructuredFieldSyntax.assertValidList(field);
    }

    @Test
    void describesTheTightestLimitOfEachDecision() {
        String field = QuotaFields.limitField(List.of(
                new PolicyDecision(API, allowed(1000, Duration.ofHours(1), 990, 35_999_001, 1)),
                new PolicyDecision(LOGIN, allowed(5, Duration.ofMinutes(1), 4, 12_000))));
        assertEquals("\"api-2\";r=990;t=36000, \"login-1\";r=4;t=12", field);
        StructuredFieldSyntax.assertValidList(field);
    }

    @Test
    void aRejectionsEffectiveWindowIsItsRetryAfter() {
        PolicyDecision rejection = new PolicyDecision(API, rejected(10, Duration.ofSeconds(1), 1001));
        assertEquals("\"api-1\";r=0;t=2", QuotaFields.limitField(List.of(rejection)));
        assertEquals(2, QuotaFields.retryAfterSeconds(rejection.decision()));
    }

    @ParameterizedTest(name = "{0} ms -> Retry-After {1}")
    @CsvSource({"1, 1", "999, 1", "1000, 1", "1001, 2", "59001, 60", "0, 1", "-5, 1"})
    void retryAfterIsWholeSecondsRoundedUpAndNeverZero(long retryMillis, long seconds) {
        Decision decision = rejected(10, Duration.ofSeconds(1), retryMillis);
        assertEquals(seconds, QuotaFields.retryAfterSeconds(decision));
        assertEquals(seconds, QuotaFields.effectiveWindowSeconds(decision));
    }

    @Test
    void anAllowedDecisionsWindowIsTheTimeUntilFullAndMayBeZero() {
        assertEquals(0, QuotaFields.effectiveWindowSeconds(allowed(10, Duration.ofSeconds(1), 10, 0)));
        assertEquals(1, QuotaFields.effectiveWindowSeconds(allowed(10, Duration.ofSeconds(1), 9, 100)));
    }

    @Test
    void namesTheLimitByTheDecisionsIndexNotByItsNumbers() {
        PolicyConfig twice = policy("twice", "10/1s, 10/1s, 20/1m");
        assertEquals("twice-2", new PolicyDecision(twice, allowed(10, Duration.ofSeconds(1), 3, 700, 1)).itemName());
        assertEquals("twice-3", new PolicyDecision(twice, allowed(5, Duration.ofMinutes(1), 3, 700, 2)).itemName(),
                "a local share of the capacity still names its limit");
        assertEquals("twice-1", new PolicyDecision(twice, allowed(20, Duration.ofMinutes(1), 3, 700, 7)).itemName(),
                "an index the policy does not have names the first limit");
    }

    @Test
    void aConcurrencyLimitAloneAdmittedByTheOpenFailurePolicyClaimsNoFreeSlots() {
        PolicyConfig reports = new PolicyConfig("reports", List.of(), FailurePolicy.OPEN, PolicyMode.ENFORCE, false,
                new Concurrency(4, Duration.ofSeconds(30)), Map.of());
        Decision admittedWithoutRedis = new Decision("reports", true, 4, Duration.ofSeconds(30), 4, 0, 0, 0, false, false);
        assertEquals("", QuotaFields.limitField(List.of(new PolicyDecision(reports, admittedWithoutRedis))),
                "the free slots are unknown: no item, not r=0");
        Decision admittedByRedis = new Decision("reports", true, 4, Duration.ofSeconds(30), 3, 0, 0, 0, false, false,
                Decision.DEFAULT_TIER, "k3Jx9QaB_1fZ0c-T@alice", 3);
        assertEquals("\"reports-1\";r=3", QuotaFields.limitField(List.of(new PolicyDecision(reports, admittedByRedis))));
        Decision full = new Decision("reports", false, 4, Duration.ofSeconds(30), 0, 1000, 1000, 0, false, false);
        assertEquals("\"reports-1\";r=0;t=1", QuotaFields.limitField(List.of(new PolicyDecision(reports, full))));
    }
}
