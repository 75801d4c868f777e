package io.jakartaredis.limiter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TierConfigReaderTest {

    private static LimiterConfig read(String... properties) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return LimiterConfigReader.read(ConfigValues.of(values));
    }

    private static String error(String... properties) {
        return assertThrows(InvalidConfigurationException.class, () -> read(properties)).getMessage();
    }

    @Test
    void readsEachTierWithItsOwnLimitsAndTheDefaultTierIsThePolicysOwn() {
        PolicyConfig api = read("limiter.policy.api.limits", "10/1s, 100/1h",
                "limiter.policy.api.tiers.gold.limits", "100/1s, 1000/1h",
                "limiter.policy.api.tiers.free-2.limits", "1/1s").policy("api").orElseThrow();
        assertEquals(Set.of("gold", "free-2"), api.tiers().keySet());
        assertEquals(List.of(Limit.parse("100/1s"), Limit.parse("1000/1h")), api.forTier("gold").limits());
        assertEquals(List.of(Limit.parse("1/1s")), api.forTier("free-2").limits());
        assertEquals(List.of(Limit.parse("10/1s"), Limit.parse("100/1h")), api.forTier("").limits());
        assertEquals("api", api.forTier("gold").name(), "a tier shares the policy's name, so its bucket");
        assertEquals("api=10/1s, 100/1h tiers [free-2, gold]", api.toString());
        assertEquals(1, read("limiter.policy.api.limits", "1/1s").policies().size(), "no tier is no policy either");
    }

    @Test
    void aPolicyHasAtMostSixteenTiers() {
        java.util.List<String> properties = new java.util.ArrayList<>(java.util.List.of("limiter.policy.api.limits", "1/1s"));
        for (int i = 1; i <= 16; i++) {
            properties.add("limiter.policy.api.tiers.t" + i + ".limits");
            properties.add(i + "/1s");
        }
        assertEquals(16, read(properties.toArray(String[]::new)).policy("api").orElseThrow().tiers().size());
        properties.add("limiter.policy.api.tiers.t17.limits");
        properties.add("17/1s");
        String error = error(properties.toArray(String[]::new));
        assertTrue(error.startsWith("limiter.policy.api.tiers.*: ") && error.contains("a policy has at most 16 tiers, had 17"), error);
    }

    @Test
    void aTierWithTwoCalendarLimitsOfOneUnitIsRefusedNamingItsProperty() {
        assertEquals("limiter.policy.api.tiers.gold.limits: \"100/1s, 50/week, 500/week\" is invalid: two week limits"
                        + " (50/week and 500/week); at most one calendar limit per unit",
                error("limiter.policy.api.limits", "10/1s, 5/week", "limiter.policy.api.tiers.gold.limits", "100/1s, 50/week, 500/week"));
        assertEquals(List.of(Limit.parse("1/1s"), Limit.parse("5/day"), Limit.parse("50/month")),
                read("limiter.policy.api.limits", "1/1s", "limiter.policy.api.tiers.gold.limits", "1/1s, 5/day, 50/month")
                        .policy("api").orElseThrow().forTier("gold").limits(), "one limit of each unit is fine");
    }

    @Test
    void aTierKeepsThePolicysFailurePolicyModeAndConcurrencyLimitUnlessItSetsOne() {
        PolicyConfig api = read("limiter.policy.api.limits", "10/1s", "limiter.policy.api.mode", "shadow",
                "limiter.policy.api.on-failure", "local", "limiter.policy.api.lease-timeout", "5s",
                "limiter.policy.api.tiers.gold.limits", "100/1s",
                "limiter.policy.api.tiers.gold.concurrency", "40").policy("api").orElseThrow();
        PolicyConfig gold = api.forTier("gold");
        assertTrue(gold.shadow());
        assertEquals(FailurePolicy.LOCAL, gold.onFailure());
        assertEquals(new Concurrency(40, Duration.ofSeconds(5)), gold.concurrency());
        assertNull(api.forTier("").concurrency());
    }

    @Test
    void aTierWithOnlyAConcurrencyLimitHasNoRateLimitsAndTheDefaultLeaseTimeout() {
        PolicyTier gold = read("limiter.policy.api.limits", "10/1s", "limiter.policy.api.tiers.gold.concurrency", "8")
                .policy("api").orElseThrow().tiers().get("gold");
        assertEquals(new PolicyTier("gold", List.of(), new Concurrency(8, Duration.ofSeconds(30))), gold);
    }

    @Test
    void aMisspeltPolicyAttributeFailsNamingItAndTheValidOnes() {
        String message = error("limiter.policy.api.limits", "2/1h", "limiter.policy.api.tiers.gold.limits", "5/1h",
                "limiter.policy.api.tier-reslover", "com.example.PlanTier");
        assertTrue(message.contains("limiter.policy.api.tier-reslover") && message.contains("com.example.PlanTier")
                && message.contains("unknown attribute 'tier-reslover' of policy 'api'") && message.contains("tier-resolver"),
                message);
        assertTrue(error("limiter.policy.api.limits", "2/1h", "limiter.policy.api.limit.extra", "x").contains("'limit.extra'"));
    }

    @Test
    void aTierWithoutLimitsFailsNamingItsLimitsProperty() {
        String message = error("limiter.policy.api.limits", "10/1s", "limiter.policy.api.tiers.gold.limits", " ");
        assertTrue(message.startsWith("limiter.policy.api.tiers.gold.limits: \"\" is invalid: tier 'gold' of policy 'api' needs limits"),
                message);
    }

    @Test
    void badTierLimitsFailNamingTheTiersProperty() {
        String message = error("limiter.policy.api.limits", "10/1s", "limiter.policy.api.tiers.gold.limits", "ten/1s");
        assertTrue(message.startsWith("limiter.policy.api.tiers.gold.limits: \"ten/1s\" is invalid: \"ten/1s\""), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "100001", "4.5", "many"})
    void concurrencyOutsideOneToOneHundredThousandFails(String slots) {
        String message = error("limiter.policy.api.limits", "10/1s", "limiter.policy.api.tiers.gold.concurrency", slots);
        assertEquals("limiter.policy.api.tiers.gold.concurrency: \"" + slots
                + "\" is invalid: expected a whole number of slots from 1 to 100000", message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"go ld", "g.old", "gøld", "a2345678901234567890123456789012345678901234567890123456789012345"})
    void tierNamesHaveOneToSixtyFourLettersDigitsDashesOrUnderscores(String name) {
        String property = "limiter.policy.api.tiers." + name + ".limits";
        String message = error("limiter.policy.api.limits", "10/1s", property, "1/1s");
        assertTrue(message.startsWith(property + ": \"1/1s\" is invalid: the tier name '" + name + "' must have 1 to 64"),
                message);
    }

    @Test
    void aMisspeltTierAttributeFails() {
        String message = error("limiter.policy.api.limits", "10/1s", "limiter.policy.api.tiers.gold.limit", "1/1s");
        assertTrue(message.startsWith("limiter.policy.api.tiers.gold.limit: \"1/1s\" is invalid: unknown property; a tier is "
                + "configured by limiter.policy.api.tiers.<tier>.limits and"), message);
    }

    @Test
    void tierSettingsOfAnUnknownPolicyFail() {
        String message = error("limiter.policy.api.limits", "10/1s", "limiter.policy.apj.tiers.gold.limits", "1/1s");
        assertTrue(message.startsWith("limiter.policy.apj.tiers.gold.limits: \"1/1s\" is invalid: unknown policy 'apj'"), message);
        String resolver = error("limiter.policy.api.limits", "10/1s", "limiter.policy.apj.tier-resolver", "com.example.Plans");
        assertTrue(resolver.startsWith("limiter.policy.apj.tier-resolver: \"com.example.Plans\" is invalid: unknown policy 'apj'"),
                resolver);
    }

    @Test
    void aTiersLimitsPropertyIsNoPolicyOfItsOwn() {
        LimiterConfig config = read("limiter.policy.api.limits", "10/1s", "limiter.policy.api.tiers.gold.limits", "1/1s");
        assertEquals(Set.of("api"), config.policies().keySet());
    }
}
