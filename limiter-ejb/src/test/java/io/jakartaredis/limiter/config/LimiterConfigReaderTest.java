package io.jakartaredis.limiter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimiterConfigReaderTest {

    private static LimiterConfig read(String... properties) {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return LimiterConfigReader.read(ConfigValues.of(values));
    }

    @Test
    void modeIsEnforceByDefaultShadowPerPolicyOrForAllAndShadowHeadersOffByDefault() {
        LimiterConfig config = read("limiter.policy.a.limits", "1/1s", "limiter.policy.b.limits", "1/1s",
                "limiter.policy.b.mode", " Shadow ", "limiter.policy.b.shadow-headers", "true");
        assertEquals(PolicyMode.ENFORCE, config.policy("a").orElseThrow().mode());
        assertTrue(config.policy("a").orElseThrow().advertised());
        assertTrue(config.policy("b").orElseThrow().shadow());
        assertTrue(config.policy("b").orElseThrow().shadowHeaders());
        assertEquals("b=1/1s (shadow)", config.policy("b").orElseThrow().toString());
        LimiterConfig allShadow = read("limiter.mode", "shadow", "limiter.policy.a.limits", "1/1s",
                "limiter.policy.b.limits", "1/1s", "limiter.policy.b.mode", "enforce");
        assertTrue(allShadow.policy("a").orElseThrow().shadow());
        assertFalse(allShadow.policy("a").orElseThrow().shadowHeaders());
        assertFalse(allShadow.policy("a").orElseThrow().advertised());
        assertEquals(PolicyMode.ENFORCE, allShadow.policy("b").orElseThrow().mode());
    }

    @Test
    void defaultsMatchTheDocumentation() {
        LimiterConfig config = read();
        assertEquals("rate_limit:", config.keyPrefix());
        assertEquals(new RedisConfig("localhost", 6379, 0, null, null, false, Duration.ofMillis(300), 10,
                Duration.ofMillis(25)), config.redis(), "the pool waits as long as the connection gate");
        assertTrue(config.policies().isEmpty());
    }

    @Test
    void resilienceDefaultsMatchTheDocumentation() {
        ResilienceConfig resilience = read().resilience();
        assertEquals(new ResilienceConfig(FailurePolicy.OPEN, 1, 10_000, 5, Duration.ofMillis(250), Duration.ofMillis(25)),
                resilience);
        assertEquals(Duration.ofMillis(10), read("limiter.redis.timeout", "10ms").resilience().connectionWait(),
                "never longer than the timeout");
        assertEquals(Duration.ofMillis(300), read("limiter.redis.pool.max-wait", "300ms").resilience().connectionWait(),
                "an explicit pool wait wins");
    }

    @Test
    void denyCacheDefaultsMatchTheDocumentationAndCanBeSet() {
        assertEquals(new DenyCacheConfig(true, 10_000, Duration.ofSeconds(10)), read().denyCache());
        assertEquals(new DenyCacheConfig(false, 500, Duration.ofSeconds(2)), read("limiter.deny-cache.enabled", "FALSE",
                "limiter.deny-cache.max-entries", "500", "limiter.deny-cache.max-time", "2s").denyCache());
    }

    @Test
    void eachPolicyTakesItsOwnFailurePolicyElseTheDefault() {
        LimiterConfig config = read("limiter.on-failure", "LOCAL", "limiter.local.nodes", "3",
                "limiter.policy.api.limits", "10/1s", "limiter.policy.login.limits", "5/1m",
                "limiter.policy.login.on-failure", " closed ");
        assertEquals(FailurePolicy.LOCAL, config.policy("api").orElseThrow().onFailure());
        assertEquals(FailurePolicy.CLOSED, config.policy("login").orElseThrow().onFailure());
        assertEquals(3, config.resilience().localNodes());
    }

    @Test
    void readsPoliciesWithSeveralLimits() {
        LimiterConfig config = read("limiter.policy.api.limits", " 10/60s, 1000/1h ", "limiter.policy.login.limits", "5/PT1M");
        assertEquals(List.of(new Limit(10, Duration.ofSeconds(60)), new Limit(1000, Duration.ofHours(1))),
                config.policy("api").orElseThrow().limits());
        assertEquals("login=5/1m", config.policy("login").orElseThrow().toString());
    }

    @Test
    void declaredDefaultsApplyUnlessAPropertySetsTheLimits() {
        Map<String, PolicyDefaults> declared = Map.of(
                "search", new PolicyDefaults("3/1s, 20/1h", "@RateLimited(limits) on Search#find"),
                "quote", new PolicyDefaults("5/1m", "@RateLimited(limits) on Quotes#quote"));
        LimiterConfig config = LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy.quote.limits", "50/1m")), declared);
        assertEquals("search=3/1s, 20/1h", config.policy("search").orElseThrow().toString());
        assertEquals("quote=50/1m", config.policy("quote").orElseThrow().toString());
    }

    @Test
    void invalidDeclaredDefaultNamesWhereItWasDeclared() {
        var error = assertThrows(InvalidConfigurationException.class, () -> LimiterConfigReader.read(ConfigValues.of(Map.of()),
                Map.of("search", new PolicyDefaults("3 per second", "@RateLimited(limits) on Search#find"))));
        assertEquals("@RateLimited(limits) on Search#find", error.property());
    }

    @Test
    void readsEveryPartOfTheRedisUrl() {
        RedisConfig redis = read("limiter.redis.url", "rediss://app:s%40cret@redis.example:6380/2",
                "limiter.redis.timeout", "150ms", "limiter.redis.pool.max-total", "32").redis();
        assertEquals(new RedisConfig("redis.example", 6380, 2, "app", "s@cret", true, Duration.ofMillis(150), 32,
                Duration.ofMillis(25)), redis);
    }

    @Test
    void userAndPasswordPropertiesOverrideTheUrl() {
        RedisConfig redis = read("limiter.redis.url", "redis://a:b@h:1", "limiter.redis.user", "limiter",
                "limiter.redis.password", "pw").redis();
        assertEquals("limiter", redis.user());
        assertEquals("pw", redis.password());
    }

    @Test
    void honoursTheGoMiddlewareVariablesWhenNoUrlIsSet() {
        RedisConfig redis = read("REDIS_CONN_ADDRESS", "cache:6390", "REDIS_PASSWORD", "go-secret").redis();
        assertEquals("cache", redis.host());
        assertEquals(6390, redis.port());
        assertEquals("go-secret", redis.password());

        RedisConfig urlWins = read("limiter.redis.url", "redis://main:6379", "REDIS_CONN_ADDRESS", "cache:6390",
                "REDIS_PASSWORD", "go-secret").redis();
        assertEquals("main", urlWins.host());
        assertNull(urlWins.password());
    }

    @Test
    void toStringNeverShowsThePassword() {
        RedisConfig redis = read("limiter.redis.url", "redis://u:topsecret@h:1").redis();
        assertFalse(redis.toString().contains("topsecret"), redis.toString());
        assertEquals("redis://h:1/0 (user set, password set, timeout 300ms, pool max-total 10, max-wait 25ms)", redis.toString());
    }

    @Test
    void theStartupLineShowsThePoolWaitInUseWhichIs25msAtMostTheTimeout() {
        assertEquals("redis://localhost:6379/0 (password none, timeout 300ms, pool max-total 10, max-wait 25ms)",
                read().redis().toString());
        assertEquals("redis://localhost:6379/0 (password none, timeout 10ms, pool max-total 10, max-wait 10ms)",
                read("limiter.redis.timeout", "10ms").redis().toString());
        assertEquals("redis://localhost:6379/0 (password none, timeout 300ms, pool max-total 4, max-wait 300ms)",
                read("limiter.redis.pool.max-wait", "300ms", "limiter.redis.pool.max-total", "4").redis().toString());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
        limiter.policy.api.limits    | -5/1s         | limiter.policy.api.limits: "-5/1s" is invalid: "-5/1s": expected <tokens>/<duration> such as 10/1s or 1000/1h, or <tokens>/<unit> with unit day, week, month or year such as 5000000/month; expected a comma list such as 10/1s, 1000/1h, 5000000/month
        limiter.policy.api.limits    | 0/1s          | limiter.policy.api.limits: "0/1s" is invalid: "0/1s": tokens must be 1 to 1,000,000,000, was 0; expected a comma list such as 10/1s, 1000/1h, 5000000/month
        limiter.policy.api.limits    | 10/0s         | limiter.policy.api.limits: "10/0s" is invalid: "10/0s": the duration must be a positive duration such as 250ms, 30s, 15m, 1h, 1d or PT1M, or the unit day, week, month or year; expected a comma list such as 10/1s, 1000/1h, 5000000/month
        limiter.policy.api.limits    | 10/soon       | limiter.policy.api.limits: "10/soon" is invalid: "10/soon": the duration must be a positive duration such as 250ms, 30s, 15m, 1h, 1d or PT1M, or the unit day, week, month or year; expected a comma list such as 10/1s, 1000/1h, 5000000/month
        limiter.policy.api.limits    | 10/1s,        | limiter.policy.api.limits: "10/1s," is invalid: "": expected <tokens>/<duration> such as 10/1s or 1000/1h, or <tokens>/<unit> with unit day, week, month or year such as 5000000/month; expected a comma list such as 10/1s, 1000/1h, 5000000/month
        limiter.policy.api.limits    | 10/1us        | limiter.policy.api.limits: "10/1us" is invalid: "10/1us": the duration must be a positive duration such as 250ms, 30s, 15m, 1h, 1d or PT1M, or the unit day, week, month or year; expected a comma list such as 10/1s, 1000/1h, 5000000/month
        limiter.policy.api.limits    | 1000000001/1s | limiter.policy.api.limits: "1000000001/1s" is invalid: "1000000001/1s": tokens must be 1 to 1,000,000,000, was 1000000001; expected a comma list such as 10/1s, 1000/1h, 5000000/month
        limiter.policy.api.limits    | 10/367d       | limiter.policy.api.limits: "10/367d" is invalid: "10/367d": the window must be at most 366 days, was 367d; expected a comma list such as 10/1s, 1000/1h, 5000000/month
        limiter.policy.api.limits    | 5/fortnight   | limiter.policy.api.limits: "5/fortnight" is invalid: "5/fortnight": the duration must be a positive duration such as 250ms, 30s, 15m, 1h, 1d or PT1M, or the unit day, week, month or year; expected a comma list such as 10/1s, 1000/1h, 5000000/month
        limiter.policy.api.limits    | 5/day, 10/day | limiter.policy.api.limits: "5/day, 10/day" is invalid: two day limits (5/day and 10/day); at most one calendar limit per unit
        limiter.policy.api.limits    | 10/1s, 3/month, 1/1d, 9/MONTH | limiter.policy.api.limits: "10/1s, 3/month, 1/1d, 9/MONTH" is invalid: two month limits (3/month and 9/month); at most one calendar limit per unit
        limiter.policy.api.zone      | Mars/Olympus  | limiter.policy.api.zone: "Mars/Olympus" is invalid: expected a time zone ID such as UTC, Europe/Berlin or +02:00 (Unknown time-zone ID: Mars/Olympus)
        limiter.policy.nope.zone     | UTC           | limiter.policy.nope.zone: "UTC" is invalid: unknown policy 'nope'; configure limiter.policy.nope.limits (known: [api])
        limiter.policy.a b.limits    | 1/1s          | limiter.policy.a b.limits: "a b" is invalid: a policy name has 1 to 64 letters, digits, '-' or '_'
        limiter.redis.url            | http://h:1    | limiter.redis.url: "http://****" is invalid: expected redis://[user:password@]host[:port][/database] or rediss://… for TLS
        limiter.redis.url            | redis://u:pw@h:1/x | limiter.redis.url: "redis://****" is invalid: expected redis://[user:password@]host[:port][/database] or rediss://… for TLS; the database is a number
        limiter.redis.url            | redis:// h    | limiter.redis.url: "redis://****" is invalid: expected redis://[user:password@]host[:port][/database] or rediss://… for TLS; no valid host[:port][/database], and no @ ends a user information
        REDIS_CONN_ADDRESS           | :::           | REDIS_CONN_ADDRESS: "redis://****" is invalid: expected redis://[user:password@]host[:port][/database] or rediss://… for TLS; no valid host[:port][/database], and no @ ends a user information
        limiter.redis.timeout        | fast          | limiter.redis.timeout: "fast" is invalid: a positive duration such as 250ms, 30s, 15m, 1h, 1d or PT1M
        limiter.redis.timeout        | -1s           | limiter.redis.timeout: "-1s" is invalid: a positive duration such as 250ms, 30s, 15m, 1h, 1d or PT1M
        limiter.redis.pool.max-total | 0             | limiter.redis.pool.max-total: "0" is invalid: expected a whole number of at least 1
        limiter.redis.pool.max-total | many          | limiter.redis.pool.max-total: "many" is invalid: expected a whole number of at least 1
        limiter.key-prefix           | has space     | limiter.key-prefix: "has space" is invalid: expected at most 64 printable ASCII characters without spaces
        limiter.on-failure           | fail-open     | limiter.on-failure: "fail-open" is invalid: expected open, closed or local
        limiter.policy.api.on-failure | deny         | limiter.policy.api.on-failure: "deny" is invalid: expected open, closed or local
        limiter.policy.nope.on-failure | closed      | limiter.policy.nope.on-failure: "closed" is invalid: unknown policy 'nope'; configure limiter.policy.nope.limits (known: [api])
        limiter.mode                 | dry-run       | limiter.mode: "dry-run" is invalid: expected enforce or shadow
        limiter.policy.api.mode      | shadowed      | limiter.policy.api.mode: "shadowed" is invalid: expected enforce or shadow
        limiter.policy.nope.mode     | shadow        | limiter.policy.nope.mode: "shadow" is invalid: unknown policy 'nope'; configure limiter.policy.nope.limits (known: [api])
        limiter.policy.api.shadow-headers | on       | limiter.policy.api.shadow-headers: "on" is invalid: expected true or false
        limiter.policy.nope.shadow-headers | true    | limiter.policy.nope.shadow-headers: "true" is invalid: unknown policy 'nope'; configure limiter.policy.nope.limits (known: [api])
        limiter.local.nodes          | 0             | limiter.local.nodes: "0" is invalid: expected a whole number of at least 1
        limiter.local.max-keys       | lots          | limiter.local.max-keys: "lots" is invalid: expected a whole number of at least 1
        limiter.circuit.failure-threshold | -1       | limiter.circuit.failure-threshold: "-1" is invalid: expected a whole number of at least 1
        limiter.circuit.cool-down    | 0s            | limiter.circuit.cool-down: "0s" is invalid: a positive duration such as 250ms, 30s, 15m, 1h, 1d or PT1M
        limiter.deny-cache.enabled   | yes           | limiter.deny-cache.enabled: "yes" is invalid: expected true or false
        limiter.deny-cache.max-entries | 0           | limiter.deny-cache.max-entries: "0" is invalid: expected a whole number of at least 1
        limiter.deny-cache.max-entries | 10k         | limiter.deny-cache.max-entries: "10k" is invalid: expected a whole number of at least 1
        limiter.deny-cache.max-time  | -5s           | limiter.deny-cache.max-time: "-5s" is invalid: a positive duration such as 250ms, 30s, 15m, 1h, 1d or PT1M
        """)
    void invalidValueFailsWithMessageNamingPropertyAndValue(String property, String value, String message) {
        var error = assertThrows(InvalidConfigurationException.class,
                () -> read(property, value, "limiter.policy.api.limits", property.equals("limiter.policy.api.limits") ? value : "1/1s"));
        assertEquals(message, error.getMessage());
        assertEquals(property, error.property());
    }
}
