package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.config.PolicyConfig;

class TierViewsTest {

    private final PolicyConfig policy = LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy.api.limits", "2/1h",
            "limiter.policy.api.tiers.gold.limits", "5/1h"))).policy("api").orElseThrow();

    @Test
    void eachTiersViewIsComputedOnceAndAnUnknownTierIsDescribedByThePolicysOwnLimits() {
        TierViews views = new TierViews(policy);
        assertEquals(5, views.of("gold").limits().get(0).tokens());
        assertSame(views.of("gold"), views.of("gold"), "no allocation per request");
        assertSame(policy, views.of(Decision.DEFAULT_TIER));
        assertSame(policy, views.of("platinum"), "a decision naming a tier this application lacks: no 500");
    }
}
