package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * A client whose tier changes on an explicit timeline: its bucket key stays, only the limits that
 * the caller passes change, so the rules of changed limits decide (README, "When limits change").
 */
class TierChangeTest {

    @RegisterExtension
    @Order(1)
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    @Order(2)
    final ScriptTimeline timeline = new ScriptTimeline(REDIS);

    private static final String GOLD = "1000/1h";
    private static final String FREE = "100/1h";

    @Test
    void aDowngradeFromGoldWith900UsedAdmitsTheFirstFreeCallWhenOneFreeTokenHasRefilled() {
        assertEquals(900, timeline.admitted(0, 900, GOLD));
        assertEquals(0, timeline.admitted(0, 50, FREE), "free starts owing at least the 900 used: all of its 100");
        assertFalse(timeline.take(35_999, 1, FREE).allowed());
        assertEquals(1, timeline.admitted(36_000, 5, FREE), "one free token per 36 s");
        assertEquals(0, timeline.admitted(71_999, 5, FREE));
        assertEquals(1, timeline.admitted(72_000, 5, FREE));
    }

    @Test
    void anUpgradeOfAnExhaustedFreeClientIsHeldByTheStoredFreeLimit() {
        assertEquals(100, timeline.admitted(0, 150, FREE));
        assertEquals(0, timeline.admitted(0, 5, GOLD), "gold starts as used as free was: empty");
        assertEquals(0, timeline.admitted(35_999, 5, GOLD));
        assertEquals(1, timeline.admitted(36_000, 5, GOLD), "free's 100/1h is still checked and charged");
    }

    @Test
    void anUpgradeOfAHalfUsedFreeClientStartsHalfUsedUnderGoldAndFreeStillHolds() {
        assertEquals(50, timeline.admitted(0, 50, FREE));
        assertEquals(50, timeline.admitted(0, 100, GOLD), "gold owes 500 of 1000, but free's 50 left decide");
    }
}
