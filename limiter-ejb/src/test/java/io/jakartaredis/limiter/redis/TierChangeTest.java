package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * A client whose tier changes on an explicit timeline: its bucket key stays, the caller passes its
 * tier's limits and the other tiers' as siblings (token_bucket.lua, "Tiers"). A limit without an
 * entry derives what it owes from every stored entry (README, "When limits change"); a sibling's
 * entry is charged but never decides.
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

    private int gold(long at, int calls) {
        return timeline.admittedInTier(at, calls, GOLD, FREE);
    }

    private int free(long at, int calls) {
        return timeline.admittedInTier(at, calls, FREE, GOLD);
    }

    @Test
    void aDowngradeFromGoldWith900UsedAdmitsTheFirstFreeCallWhenOneFreeTokenHasRefilled() {
        assertEquals(900, gold(0, 900));
        assertEquals(0, free(0, 50), "free starts owing at least the 900 used: all of its 100");
        assertFalse(timeline.takeInTier(35_999, 1, FREE, GOLD).allowed());
        assertEquals(1, free(36_000, 5), "one free token per 36 s");
        assertEquals(0, free(71_999, 5));
        assertEquals(1, free(72_000, 5));
    }

    @Test
    void anUpgradeOfAnExhaustedFreeClientOwesAllOfGoldButRefillsAtGoldsRateNotFrees() {
        assertEquals(100, free(0, 150));
        assertEquals(0, gold(0, 5), "gold starts as used as free was: empty");
        assertEquals(0, gold(3_599, 5));
        assertEquals(1, gold(3_600, 5), "one gold token per 3.6 s: free's 100/1h no longer holds the client");
        assertEquals(9, gold(36_000, 20), "ten gold tokens in free's one");
    }

    @Test
    void anUpgradeOfAHalfUsedFreeClientTakesEffectAtOnceOwingHalfOfGold() {
        assertEquals(50, free(0, 50));
        assertEquals(500, gold(0, 600), "gold owes the fraction used, 500 of 1000; free's 50 left do not decide");
    }

    @Test
    void oneCallUnderTheDefaultTierCostsAGoldClientOneTokenNotGoldsLimits() {
        assertEquals(1, gold(0, 1));
        assertTrue(timeline.takeInTier(0, 1, FREE, GOLD).allowed(), "free owes at least gold's 1 used");
        BucketReply back = timeline.takeInTier(0, 1, GOLD, FREE);
        assertTrue(back.allowed());
        assertEquals(1000, back.limit());
        assertEquals(997, back.remaining(), "gold's own entry, charged with the free call too; not free's 98 left");
        assertEquals(997, gold(0, 1100));
        BucketReply rejected = timeline.takeInTier(0, 1, GOLD, FREE);
        assertFalse(rejected.allowed());
        assertEquals(3_600, rejected.retryAfterMillis(), "gold's 3.6 s per token, not free's 36 s");
    }

    @Test
    void aSiblingEntryThatGoldCallsKeepEmptyIsNotDroppedAfterTwoOfItsWindows() {
        String free = "10/1s, 100/1h";
        String gold = "100/1s";
        assertEquals(100, timeline.admittedInTier(0, 10, free, gold) + admittedOverSeconds(1, 10, 10, free, gold));
        // gold calls every 6 s for two and a half hours: each charges free's hourly entry up to empty
        int goldCalls = 0;
        int goldAdmitted = 0;
        for (long at = 11_000; at < 9_000_000; at += 6_000, goldCalls++) {
            goldAdmitted += timeline.takeInTier(at, 1, gold, free).allowed() ? 1 : 0;
        }
        assertEquals(goldCalls - 1, goldAdmitted, "gold starts as used as free (empty), then admits every call");
        assertEquals(0, timeline.admittedInTier(9_000_000, 20, free, gold),
                "back on free 7 s after the last gold call: its hourly limit is still empty, not a fresh 100");
    }

    /** Calls of cost 1 at one second intervals from {@code fromSecond}, {@code perSecond} each second. */
    private int admittedOverSeconds(int fromSecond, int seconds, int perSecond, String limits, String siblings) {
        int admitted = 0;
        for (int s = fromSecond; s < fromSecond + seconds; s++) {
            admitted += timeline.admittedInTier(s * 1000L, perSecond, limits, siblings);
        }
        return admitted;
    }

    @Test
    void callsUnderGoldCountAgainstFreeWhenTheClientGoesBack() {
        assertEquals(10, free(0, 10));
        assertEquals(900, gold(0, 900), "gold owes 10% of 1000");
        assertEquals(0, free(0, 5), "free was charged by gold's calls, up to empty: no fresh free tokens");
        assertEquals(1, free(36_000, 5), "and refills from empty, not from beyond it");
    }

    @Test
    void aRefundGivesNothingBackToASiblingsEntry() {
        assertEquals(100, free(0, 100));
        assertEquals(0, gold(0, 1));
        assertEquals(1, gold(3_600, 1));
        timeline.refundInTier(3_600, 1, GOLD, FREE);
        assertEquals(0, free(3_600, 5), "free was not charged beyond empty, so it gets nothing back");
    }

    @Test
    void onANodeThatDoesNotKnowATierItsEntryIsForeignAndStillDecides() {
        String goldDaily = "1000/1d";
        assertEquals(1000, timeline.admittedInTier(0, 1000, goldDaily, FREE));
        assertEquals(0, timeline.admittedInTier(3_600_000, 1, FREE, goldDaily), "free derives gold's fraction: empty");
        // Two hours in, free (100/1h) is full again while gold (one token per 86.4 s) has 83.
        assertEquals(83, timeline.admittedInTier(7_200_000, 100, FREE, ""),
                "a node without the gold tier: gold's entry is foreign, checked and charged");
    }

    @Test
    void onANodeThatKnowsTheTierTheSameEntryIsASiblingAndDoesNotDecide() {
        String goldDaily = "1000/1d";
        assertEquals(1000, timeline.admittedInTier(0, 1000, goldDaily, FREE));
        assertEquals(0, timeline.admittedInTier(3_600_000, 1, FREE, goldDaily));
        assertEquals(100, timeline.admittedInTier(7_200_000, 150, FREE, goldDaily));
    }

    @Test
    void aCalendarQuotaOfTheSameUnitKeepsItsCountAcrossTiersAndOneOnlyGoldHasIsChargedUnderFree() {
        String goldPlan = "1000/1h, 5000/month";
        String freePlan = "100/1h, 500/month";
        assertEquals(400, timeline.admittedInTier(0, 400, goldPlan, freePlan));
        assertEquals(0, timeline.admittedInTier(0, 200, freePlan, goldPlan), "free derives 40% of its hour: 60 left, "
                + "but month@UTC counts 400 used, so 100 of the 500 are left; the hour's 60 decide first");
        assertTrue(timeline.value().contains("month@UTC"), timeline.value());

        timeline.reset();
        String hourOnly = "100/1h";
        assertEquals(400, timeline.admittedInTier(0, 400, goldPlan, hourOnly));
        assertEquals(0, timeline.admittedInTier(0, 5, hourOnly, goldPlan));
        assertEquals(1, timeline.admittedInTier(36_000, 5, hourOnly, goldPlan));
        assertTrue(timeline.value().contains("month@UTC 5000 401 "), "gold's month quota counts the free call: " + timeline.value());
        assertEquals(1000, timeline.admittedInTier(3_600_000, 1100, goldPlan, hourOnly), "gold's hour, refilled");
        assertTrue(timeline.value().contains("month@UTC 5000 1401 "), "the month counts every tier's calls: " + timeline.value());
    }
}
