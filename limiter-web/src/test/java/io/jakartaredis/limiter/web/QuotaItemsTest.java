package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.config.PolicyConfig;

/** What the fields and the problem body keep per policy and tier is what they would build afresh, for every shape of rule. */
class QuotaItemsTest {

    private static final long[] RETRY_AFTERS = {1, 2, 7, 59, 3_600, 86_400, 999_999_999};

    /** Policy {@code p} as {@code limiter.policy.p.*} properties (name, value, …) configure it. */
    static Stream<Map<String, String>> ruleShapes() {
        return Stream.of(
                Map.of("limiter.policy.p.limits", "10/1s"),
                Map.of("limiter.policy.p.limits", "10/1s, 1000/1h, 5000/1d"),
                Map.of("limiter.policy.p.limits", "5/250ms, 3/1500ms"),
                Map.of("limiter.policy.p.limits", "5000000/month, 10000/day", "limiter.policy.p.zone", "Europe/Berlin"),
                Map.of("limiter.policy.p.concurrency", "4"),
                Map.of("limiter.policy.p.limits", "100/1m", "limiter.policy.p.concurrency", "2"),
                Map.of("limiter.policy.p.limits", "2/1h", "limiter.policy.p.tiers.gold.limits", "5/1h, 20/1d",
                        "limiter.policy.p.tiers.free.limits", "1/1h"),
                Map.of("limiter.policy.p.limits", "10/1s", "limiter.policy.p.tiers.gold.concurrency", "8",
                        "limiter.policy.p.tiers.gold.limits", "50/1s"),
                Map.of("limiter.policy.p.limits", "10/1s", "limiter.policy.p.mode", "shadow"));
    }

    private static PolicyConfig policy(Map<String, String> properties) {
        return LimiterConfigReader.read(ConfigValues.of(properties)).policy("p").orElseThrow();
    }

    /** Every tier of the policy, its own limits first. */
    private static List<String> tiers(PolicyConfig policy) {
        List<String> tiers = new ArrayList<>(List.of(Decision.DEFAULT_TIER));
        tiers.addAll(policy.tiers().keySet());
        return tiers;
    }

    /** A decision of the limit at {@code limitIndex} of the view, rejected or not. */
    private static Decision decision(PolicyConfig view, String tier, int limitIndex, boolean allowed) {
        boolean byConcurrency = limitIndex == view.limits().size();
        long limit = byConcurrency ? view.concurrency().slots() : view.limits().get(limitIndex).tokens();
        Duration window = byConcurrency ? view.concurrency().leaseTimeout() : view.limits().get(limitIndex).window();
        return new Decision("p", allowed, limit, window, allowed ? 1 : 0, allowed ? 0 : 2_500, 60_000, limitIndex, false,
                allowed, tier, null, view.hasConcurrency() ? 1 : -1);
    }

    private static int lastIndex(PolicyConfig view) {
        return view.hasConcurrency() ? view.limits().size() : view.limits().size() - 1;
    }

    @ParameterizedTest
    @MethodSource("ruleShapes")
    void theKeptPolicyFieldIsTheFreshlyBuiltOneForEveryTierAndIsBuiltOnce(Map<String, String> properties) {
        PolicyConfig policy = policy(properties);
        TierViews views = new TierViews(policy);
        for (String tier : tiers(policy)) {
            PolicyConfig view = views.of(tier);
            PolicyDecision decided = views.decided(decision(view, tier, 0, true));
            String kept = QuotaFields.policyFieldOf(List.of(decided));
            assertEquals(QuotaFields.policyField(List.of(view)), kept, "tier '" + tier + "'");
            assertSame(kept, QuotaFields.policyFieldOf(List.of(views.decided(decision(view, tier, 0, true)))), "built once");
        }
    }

    @ParameterizedTest
    @MethodSource("ruleShapes")
    void theKeptFieldsOfSeveralPoliciesAreTheFreshlyBuiltOnes(Map<String, String> properties) {
        PolicyConfig policy = policy(properties);
        PolicyConfig other = FakeRateLimiter.policy("other", "7/1m, 70/1h");
        TierViews views = new TierViews(policy);
        TierViews otherViews = new TierViews(other);
        for (String tier : tiers(policy)) {
            PolicyConfig view = views.of(tier);
            for (int index = 0; index <= lastIndex(view); index++) {
                List<PolicyDecision> decided = List.of(otherViews.decided(decision(other, "", 1, true)),
                        views.decided(decision(view, tier, index, true)));
                List<PolicyDecision> fresh = List.of(new PolicyDecision(other, decided.get(0).decision()),
                        new PolicyDecision(view, decided.get(1).decision()));
                assertEquals(QuotaFields.policyField(List.of(other, view)), QuotaFields.policyFieldOf(decided));
                assertEquals(QuotaFields.limitField(fresh), QuotaFields.limitField(decided));
                assertEquals(RateLimitResponse.allowed(fresh, true), RateLimitResponse.allowed(decided, true));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ruleShapes")
    void theKeptProblemBodyIsTheFreshlyWrittenOneForEveryLimitTierAndRetryAfter(Map<String, String> properties) {
        PolicyConfig policy = policy(properties);
        TierViews views = new TierViews(policy);
        for (String tier : tiers(policy)) {
            PolicyConfig view = views.of(tier);
            for (int index = 0; index <= lastIndex(view); index++) {
                PolicyDecision rejection = views.decided(decision(view, tier, index, false));
                assertNotSame(ProblemDetails.Template.NONE, ProblemDetails.template(rejection), "the body is joined, not written");
                for (long retryAfter : RETRY_AFTERS) {
                    assertEquals(ProblemDetails.quotaExceeded(rejection, retryAfter), rejection.problem(retryAfter),
                            "tier '" + tier + "', limit " + index + ", retry after " + retryAfter);
                }
                assertEquals(ProblemDetails.quotaExceeded(rejection, 3), RateLimitResponse.rejected(rejection, true).problem().orElseThrow());
            }
        }
    }

    @Test
    void aDecisionOfATierTheViewsLackIsWrittenWithItsOwnTierName() {
        TierViews views = new TierViews(FakeRateLimiter.policy("p", "5/1m"));
        PolicyDecision rejection = views.decided(new Decision("p", false, 5, Duration.ofMinutes(1), 0, 7_000, 60_000, 0, false,
                false, "platinum", null));
        assertEquals(ProblemDetails.quotaExceeded(rejection, 7), rejection.problem(7));
        assertEquals("Quota p-1 (5/1m) of policy p in tier platinum is used up; retry after 7 seconds.",
                ProblemJson.read(rejection.problem(7)).getString("detail"));
    }

    /** Names that JSON escapes, and names that hold the texts a template is cut at, which then writes every body afresh. */
    @ParameterizedTest
    @MethodSource("io.jakartaredis.limiter.web.ProblemDetailsTest#hostileNames")
    void anyNameGivesTheFreshlyWrittenBody(String name) {
        for (String each : List.of(name, name + "@@seconds@@", "987654321987" + name, "@@seconds@@ 987654321987")) {
            PolicyConfig policy = new PolicyConfig(each, LimiterConfigReader.parseLimits("test", "5/1m"));
            PolicyDecision rejection = new TierViews(policy).decided(
                    new Decision(each, false, 5, Duration.ofMinutes(1), 0, 7_000, 60_000));
            for (long retryAfter : RETRY_AFTERS) {
                assertEquals(ProblemDetails.quotaExceeded(rejection, retryAfter), rejection.problem(retryAfter));
            }
        }
    }

    @Test
    void aChangedConfigurationIsDescribedByTheNewViewsNotTheKeptOnes() {
        TierViews before = new TierViews(FakeRateLimiter.policy("p", "5/1h"));
        TierViews after = new TierViews(FakeRateLimiter.policy("p", "7/1m"));
        Decision rejected = new Decision("p", false, 5, Duration.ofHours(1), 0, 7_000, 60_000);
        String beforeField = QuotaFields.policyFieldOf(List.of(before.decided(rejected)));
        String afterField = QuotaFields.policyFieldOf(List.of(after.decided(rejected)));
        assertEquals("\"p-1\";q=5;w=3600", beforeField);
        assertEquals("\"p-1\";q=7;w=60", afterField);
        assertNotEquals(before.decided(rejected).problem(7), after.decided(rejected).problem(7));
        assertEquals("Quota p-1 (7/1m) of policy p is used up; retry after 7 seconds.",
                ProblemJson.read(after.decided(rejected).problem(7)).getString("detail"));
    }
}
