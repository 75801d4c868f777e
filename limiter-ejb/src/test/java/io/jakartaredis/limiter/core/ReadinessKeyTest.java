package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.testkit.RedisServer;

/** No client of any policy can reach the readiness check's bucket. */
class ReadinessKeyTest {

    private static final List<String> HOSTILE_CLIENTS = List.of("#readiness", "readiness", ":#readiness", "",
            "{#readiness}", "\0#readiness", "a".repeat(200), "#", "rate_limit:#readiness");

    @Test
    void theReadinessKeyEndsWithABraceThatNoClientKeyEndsWith() {
        assertEquals("rate_limit:{readiness}", BucketKeys.readinessKey("rate_limit:"));
        assertEquals("{readiness}", BucketKeys.readinessKey(""));
    }

    @Test
    void noClientKeyOfAnyPolicyIsTheReadinessKey() {
        for (String prefix : List.of("rate_limit:", "", "app:", "#")) {
            for (String policy : List.of("api", "readiness", "_", "-", "A0", "x".repeat(64))) {
                String policyPrefix = CompiledPolicy.of(policyNamed(policy), prefix).keyPrefix();
                for (String client : HOSTILE_CLIENTS) {
                    String key = BucketKeys.key(policyPrefix, client);
                    assertFalse(key.equals(BucketKeys.readinessKey(prefix)), key);
                }
            }
        }
    }

    /** Application A (prefix {@code org:team:}) polls readiness; B (prefix {@code o}, policy {@code rg}) must keep its limit. */
    @Test
    void anotherPrefixCannotReachTheReadinessKey() {
        try (RedisServer redis = RedisServer.start();
             RedisRateLimiter a = TestLimiters.limiter(redis, "limiter.key-prefix", "org:team:", "limiter.policy.api.limits", "5/1m");
             RedisRateLimiter b = TestLimiters.limiter(redis, "limiter.key-prefix", "o", "limiter.policy.rg.limits", "3/1h")) {
            int admitted = 0;
            for (int i = 0; i < 20; i++) {
                if (b.tryAcquire("rg", "team:#readiness").allowed()) {
                    admitted++;
                }
                assertTrue(a.readiness().up());
            }
            assertEquals(3, admitted);
        }
        for (String prefix : List.of("rate_limit:", "", "org:team:", "a{", "{", "x}")) {
            for (String otherPrefix : List.of("rate_limit:", "", "o", "org:", "org:team:{", "{", "}", "a{readiness")) {
                String policyPrefix = CompiledPolicy.of(policyNamed("rg"), otherPrefix).keyPrefix();
                for (String client : List.of("team:#readiness", "{readiness}", "readiness}", "}", "team:{readiness}")) {
                    assertFalse(BucketKeys.key(policyPrefix, client).equals(BucketKeys.readinessKey(prefix)), client);
                }
            }
        }
    }

    @Test
    void aPolicyCannotBeNamedLikeTheReadinessKey() {
        var error = assertThrows(InvalidConfigurationException.class, () -> LimiterConfigReader.read(
                ConfigValues.of(Map.of("limiter.policy.#readiness.limits", "5/1m"))));
        assertEquals("limiter.policy.#readiness.limits", error.property());
    }

    private static PolicyConfig policyNamed(String name) {
        return LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy." + name + ".limits", "5/1m")))
                .policies().get(name);
    }
}
