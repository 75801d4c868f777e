package io.jakartaredis.limiter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.cdi.MicroProfileConfigValues;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Policies and Redis settings from environment variables, as MicroProfile Config maps them
 * ({@code limiter.policy.per-customer.limits} is {@code LIMITER_POLICY_PER_CUSTOMER_LIMITS}), read
 * through SmallRye Config's own sources: the environment (ordinal 300) given as a map, beside a
 * {@code microprofile-config.properties} (ordinal 100).
 */
class EnvironmentVariablesTest {

    private static ConfigValues config(Map<String, String> environment, Map<String, String> propertiesFile) {
        return new MicroProfileConfigValues(new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new PropertiesConfigSource(propertiesFile, "microprofile-config.properties", 100))
                .build());
    }

    private static LimiterConfig read(Map<String, String> environment) {
        return LimiterConfigReader.read(config(environment, Map.of()));
    }

    @Test
    void aHyphenatedPolicyIsConfiguredByEnvironmentVariablesAlone() {
        PolicyConfig policy = read(Map.of(
                "LIMITER_POLICY_PER_CUSTOMER_LIMITS", "100/1m, 1000/day",
                "LIMITER_POLICY_PER_CUSTOMER_ZONE", "Europe/Berlin",
                "LIMITER_POLICY_PER_CUSTOMER_CONCURRENCY", "4",
                "LIMITER_POLICY_PER_CUSTOMER_LEASE_TIMEOUT", "10s",
                "LIMITER_POLICY_PER_CUSTOMER_ON_FAILURE", "closed",
                "LIMITER_POLICY_PER_CUSTOMER_TIERS_GOLD_LIMITS", "1000/1m",
                "LIMITER_POLICY_PER_CUSTOMER_TIERS_GOLD_CONCURRENCY", "16"))
                .policy("per-customer").orElseThrow();

        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertEquals(List.of(new Limit(100, Duration.ofMinutes(1)), Limit.calendar(1000, CalendarUnit.DAY, berlin)), policy.limits());
        assertEquals(new Concurrency(4, Duration.ofSeconds(10)), policy.concurrency());
        assertEquals(FailurePolicy.CLOSED, policy.onFailure());
        assertEquals(Set.of("gold"), policy.tiers().keySet());
        assertEquals(new PolicyTier("gold", List.of(new Limit(1000, Duration.ofMinutes(1))), new Concurrency(16, Duration.ofSeconds(10))),
                policy.tiers().get("gold"));
    }

    @Test
    void redisSettingsComeFromEnvironmentVariables() {
        RedisConfig redis = read(Map.of(
                "LIMITER_REDIS_URL", "redis://cache.internal:6380/2",
                "LIMITER_REDIS_PASSWORD", "from-a-secret",
                "LIMITER_REDIS_TIMEOUT", "150ms",
                "LIMITER_REDIS_POOL_MAX_TOTAL", "32",
                "LIMITER_REDIS_POOL_MAX_WAIT", "40ms")).redis();
        assertEquals(new RedisConfig("cache.internal", 6380, 2, null, "from-a-secret", false, Duration.ofMillis(150), 32,
                Duration.ofMillis(40)), redis);
    }

    @Test
    void theEnvironmentWinsOverThePropertiesFileForTheSameProperty() {
        LimiterConfig config = LimiterConfigReader.read(config(
                Map.of("LIMITER_POLICY_PER_CUSTOMER_LIMITS", "100/1m", "LIMITER_REDIS_POOL_MAX_WAIT", "40ms"),
                Map.of("limiter.policy.per-customer.limits", "10/1m", "limiter.policy.per-customer.mode", "shadow",
                        "limiter.redis.pool.max-wait", "5ms")));
        PolicyConfig policy = config.policy("per-customer").orElseThrow();
        assertEquals(List.of(new Limit(100, Duration.ofMinutes(1))), policy.limits());
        assertEquals(PolicyMode.SHADOW, policy.mode(), "what only the file sets stays");
        assertEquals(Duration.ofMillis(40), config.redis().poolMaxWait());
        assertEquals(Set.of("per-customer"), config.policies().keySet());
    }

    @Test
    void aVariableConfiguresTheDeclaredPolicyWhoseNameItMapsFrom() {
        Map<String, PolicyDefaults> declared = Map.of("per_customer", new PolicyDefaults("5/1m", "@RateLimited on Api#call"));
        LimiterConfig config = LimiterConfigReader.read(config(Map.of("LIMITER_POLICY_PER_CUSTOMER_LIMITS", "50/1m",
                "LIMITER_POLICY_PER_CUSTOMER_TIERS_GOLD_LIMITS", "500/1m"), Map.of()), declared);
        assertEquals(Set.of("per_customer"), config.policies().keySet(), "no second policy per-customer");
        assertEquals(List.of(new Limit(50, Duration.ofMinutes(1))), config.policy("per_customer").orElseThrow().limits());
        assertEquals(Set.of("gold"), config.policy("per_customer").orElseThrow().tiers().keySet());
    }

    @Test
    void aVariableConfiguresThePolicyThatAnAnnotationNamesWithoutDefaults() {
        LimiterConfig config = LimiterConfigReader.read(config(Map.of("LIMITER_POLICY_PER_CUSTOMER_LIMITS", "50/1m"), Map.of()),
                Map.of(), Set.of("per_customer"));
        assertEquals(Set.of("per_customer"), config.policies().keySet());
        assertEquals(List.of(new Limit(50, Duration.ofMinutes(1))), config.policy("per_customer").orElseThrow().limits());
    }

    @Test
    void aTierNamedInThePropertiesFileIsTheOneItsVariableOverrides() {
        PolicyConfig policy = LimiterConfigReader.read(config(Map.of("LIMITER_POLICY_PER_CUSTOMER_TIERS_GOLD_PLUS_LIMITS", "900/1m"),
                Map.of("limiter.policy.per-customer.limits", "10/1m", "limiter.policy.per-customer.tiers.gold_plus.limits", "90/1m")))
                .policy("per-customer").orElseThrow();
        assertEquals(Set.of("gold_plus"), policy.tiers().keySet());
        assertEquals(List.of(new Limit(900, Duration.ofMinutes(1))), policy.tiers().get("gold_plus").limits());
    }

    @Test
    void anotherApplicationsPolicyVariablesAreIgnored() {
        LimiterConfig config = LimiterConfigReader.read(config(Map.of(
                "LIMITER_POLICY_OTHER_APP_ON_FAILURE", "open",
                "LIMITER_POLICY_SHOP_ON_FAILURE", "open", // SmallRye also lists it as limiter.policy.shop.on.failure
                "LIMITER_POLICY_OTHER_APP_MODE", "shadow",
                "LIMITER_POLICY_OTHER_APP_TIERS_FREE_LIMITS", "10/1m",
                "LIMITER_POLICY_API_LIMTS", "1/1h"), // misspelt: ignored, as on Payara, which lists no dotted guess
                Map.of("limiter.policy.api.limits", "100/1m")));
        assertEquals(Set.of("api"), config.policies().keySet());
        assertEquals(List.of(new Limit(100, Duration.ofMinutes(1))), config.policy("api").orElseThrow().limits());
    }

    @Test
    void aPolicyThatOnlyVariablesDefineStillNeedsLimitsOrConcurrencyFromThem() {
        LimiterConfig config = read(Map.of("LIMITER_POLICY_FROM_ENV_CONCURRENCY", "3",
                "LIMITER_POLICY_FROM_ENV_ON_FAILURE", "open", "LIMITER_POLICY_FROM_ENV_TIERS_GOLD_CONCURRENCY", "9"));
        PolicyConfig policy = config.policy("from-env").orElseThrow();
        assertEquals(FailurePolicy.OPEN, policy.onFailure());
        assertEquals(3, policy.concurrency().slots());
        assertEquals(Set.of("gold"), policy.tiers().keySet());
    }

    @Test
    void aKnownPolicyWhoseNameHasTiersInItIsNotReadAsATier() {
        PolicyConfig policy = LimiterConfigReader.read(config(Map.of("LIMITER_POLICY_BY_TIERS_X_LIMITS", "5/1s"),
                Map.of("limiter.policy.by-tiers-x.limits", "1/1s"))).policy("by-tiers-x").orElseThrow();
        assertEquals(List.of(new Limit(5, Duration.ofSeconds(1))), policy.limits());
        assertEquals(Set.of(), policy.tiers().keySet());
    }

    @Test
    void aDottedPropertyOfAnUnknownPolicyStillFails() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> LimiterConfigReader.read(
                config(Map.of(), Map.of("limiter.policy.api.limits", "10/1m", "limiter.policy.other.on-failure", "open"))));
        assertEquals("limiter.policy.other.on-failure", e.property());
    }

    @Test
    void aBadValueInAVariableFailsNamingTheProperty() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> read(Map.of("LIMITER_POLICY_PER_CUSTOMER_LIMITS", "100 per minute")));
        assertEquals("limiter.policy.per-customer.limits", e.property());
    }
}
