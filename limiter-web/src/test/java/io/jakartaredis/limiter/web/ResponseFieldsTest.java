package io.jakartaredis.limiter.web;

import static io.jakartaredis.limiter.web.FakeRateLimiter.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.Concurrency;
import io.jakartaredis.limiter.config.FailurePolicy;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.config.PolicyMode;

class ResponseFieldsTest {

    private static final PolicyConfig API = policy("api", "10/1s, 1000/1h");
    private static final PolicyConfig QUOTE = policy("quote", "5/1m");

    private final ServletFakes.Captured captured = new ServletFakes.Captured();
    private final ResponseFields fields = new ResponseFields(captured.response(), false);

    private static PolicyDecision api(long remaining) {
        return new PolicyDecision(API, new Decision("api", true, 10, Duration.ofSeconds(1), remaining, 0, 300));
    }

    private static PolicyDecision quote(long remaining) {
        return new PolicyDecision(QUOTE, new Decision("quote", true, 5, Duration.ofMinutes(1), remaining, 0, 12_000));
    }

    private static PolicyDecision quoteRejected() {
        return new PolicyDecision(QUOTE, new Decision("quote", false, 5, Duration.ofMinutes(1), 0, 7_500, 60_000));
    }

    @Test
    void aMethodsDecisionJoinsTheFiltersAsItemsOfItsOwnPolicy() {
        fields.addAll(List.of(api(8)));
        fields.add(quote(4));
        assertEquals(Map.of("RateLimit-Policy", "\"api-1\";q=10;w=1, \"api-2\";q=1000;w=3600, \"quote-1\";q=5;w=60",
                "RateLimit", "\"api-1\";r=8;t=1, \"quote-1\";r=4;t=12"), captured.headers);
        captured.headers.values().forEach(StructuredFieldSyntax::assertValidList);
    }

    @Test
    void aLaterDecisionOfAPolicyReplacesTheItemsOfTheEarlierOne() {
        fields.addAll(List.of(quote(4)));
        fields.add(api(8));
        fields.add(quote(3));
        assertEquals("\"quote-1\";r=3;t=12, \"api-1\";r=8;t=1", captured.headers.get("RateLimit"));
        assertEquals("\"quote-1\";q=5;w=60, \"api-1\";q=10;w=1, \"api-2\";q=1000;w=3600", captured.headers.get("RateLimit-Policy"),
                "each policy once, where it first came");
    }

    @Test
    void aRejectionLeavesTheFieldsOfTheRejectingPolicyAloneAsAFilters429() {
        fields.addAll(List.of(api(8)));
        PolicyDecision rejection = quoteRejected();
        fields.add(rejection);
        Map<String, String> the429 = Map.of("RateLimit-Policy", "\"quote-1\";q=5;w=60", "RateLimit", "\"quote-1\";r=0;t=8");
        assertEquals(the429, captured.headers, "no Retry-After: the 429 adds it, an application that catches the rejection does not");
        fields.add(api(7));
        assertEquals(the429, captured.headers, "the rejection still describes the response");
        assertTrue(fields.describes(rejection));
    }

    @Test
    void theExceptionMapperAddingTheRejectionTheInterceptorToldOfAddsNothing() {
        PolicyDecision told = quoteRejected();
        fields.add(told);
        fields.add(new PolicyDecision(QUOTE, told.decision()));
        assertEquals("\"quote-1\";r=0;t=8", captured.headers.get("RateLimit"));
        assertTrue(fields.describes(told));
        assertFalse(fields.describes(quoteRejected()), "another rejection, equal but not told");
    }

    @Test
    void aCommittedResponseKeepsTheFieldsItSent() {
        fields.add(quote(4));
        captured.committed = true;
        PolicyDecision late = quote(3);
        fields.add(late);
        assertEquals("\"quote-1\";r=4;t=12", captured.headers.get("RateLimit"));
        assertFalse(fields.describes(late), "the mapper must not count on fields that could not be set");
    }

    @Test
    void legacyFieldsFollowTheTightestDecisionOfTheRequest() {
        ResponseFields legacy = new ResponseFields(captured.response(), true);
        legacy.addAll(List.of(api(8)));
        legacy.add(quote(2));
        assertEquals("2", captured.headers.get("X-RateLimit-Remaining"));
        assertEquals("5", captured.headers.get("X-RateLimit-Limit"));
    }

    @Test
    void aDecisionWithoutKnownItemsSetsNoEmptyFieldButEmptiesOneItMadeStale() {
        PolicyConfig slots = new PolicyConfig("slots", List.of(), FailurePolicy.OPEN, PolicyMode.ENFORCE, false,
                new Concurrency(4, Duration.ofSeconds(30)), Map.of());
        fields.add(new PolicyDecision(slots, slotDecision(-1)));
        assertEquals(Map.of("RateLimit-Policy", "\"slots-1\";q=4;qu=\"concurrent-requests\""), captured.headers,
                "free slots unknown (admitted by the open failure policy): no RateLimit field");
        fields.add(new PolicyDecision(slots, slotDecision(3)));
        assertEquals("\"slots-1\";r=3", captured.headers.get("RateLimit"));
        fields.add(new PolicyDecision(slots, slotDecision(-1)));
        assertEquals("", captured.headers.get("RateLimit"), "an empty list, not r=3 that is no longer known");
    }

    private static Decision slotDecision(long freeSlots) {
        if (freeSlots < 0) {
            return new Decision("slots", true, 4, Duration.ofSeconds(30), 4, 0, 0, 0, false, false);
        }
        return new Decision("slots", true, 4, Duration.ofSeconds(30), freeSlots, 0, 0, 0, false, false,
                Decision.DEFAULT_TIER, "lease@alice", freeSlots);
    }
}
